using System.Security.Cryptography;
using FollowUp.SelfHost.Storage;

namespace FollowUp.SelfHost;

/// <summary>
/// The self-host's folder for what a developer's machine should keep between runs (the emulator's data, the outbox,
/// generated dev secrets): <c>FollowUp:SelfHost:StateFolder</c>, by default <c>.local/</c> in the checkout, ignored by
/// git. It holds secrets and customers' data, so on Unix only its owner may read it.
/// </summary>
internal sealed class LocalState(string folder)
{
    private const UnixFileMode OwnerOnlyFolder = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode OwnerOnlyFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    public string Folder { get; } = folder;

    public static LocalState From(IConfiguration config)
    {
        var configured = config[$"{SelfHostOptions.SectionName}:{nameof(SelfHostOptions.StateFolder)}"];
        return string.IsNullOrWhiteSpace(configured)
            ? new(Path.Combine(RepositoryRoot.Find() ?? Directory.GetCurrentDirectory(), ".local"))
            : new(Path.TrimEndingDirectorySeparator(Path.GetFullPath(configured)));
    }

    public string PathOf(string name) => Path.Combine(Folder, name);

    /// <summary>Creates the folder, or takes away others' access to an existing one (made before it was private).</summary>
    public void EnsureFolder()
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(Folder);
            return;
        }

        Directory.CreateDirectory(Folder, OwnerOnlyFolder);
        File.SetUnixFileMode(Folder, OwnerOnlyFolder);
    }

    /// <summary>A random secret made on first use and kept in the folder, so links and keys survive a restart.</summary>
    public string Secret(string name)
    {
        EnsureFolder();
        var path = PathOf(name);
        if (File.Exists(path))
        {
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(path, OwnerOnlyFile);
            }

            var existing = File.ReadAllText(path).Trim();
            if (existing.Length >= 32)
            {
                return existing;
            }
        }

        var secret = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            // Private from the first byte, not after a chmod.
            options.UnixCreateMode = OwnerOnlyFile;
        }

        using var writer = new StreamWriter(path, options);
        writer.Write(secret);
        return secret;
    }
}
