using System.Security.Cryptography;
using FollowUp.SelfHost.Storage;

namespace FollowUp.SelfHost;

/// <summary>
/// The self-host's folder for what a developer's machine should keep between runs (the emulator's data, the outbox,
/// generated dev secrets): <c>.local/</c> in the checkout, ignored by git.
/// </summary>
internal sealed class LocalState(string folder)
{
    public string Folder { get; } = folder;

    public static LocalState ForCurrentCheckout() =>
        new(Path.Combine(RepositoryRoot.Find() ?? Directory.GetCurrentDirectory(), ".local"));

    public string PathOf(string name) => Path.Combine(Folder, name);

    /// <summary>A random secret made on first use and kept in the folder, so links and keys survive a restart.</summary>
    public string Secret(string name)
    {
        var path = PathOf(name);
        if (File.Exists(path))
        {
            var existing = File.ReadAllText(path).Trim();
            if (existing.Length >= 32)
            {
                return existing;
            }
        }

        Directory.CreateDirectory(Folder);
        var secret = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
        File.WriteAllText(path, secret);
        return secret;
    }
}
