using System.Runtime.Versioning;
using Microsoft.Extensions.Configuration;

namespace FollowUp.SelfHost.Tests;

public sealed class LocalStateTests : IDisposable
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "followup-localstate-" + Guid.NewGuid().ToString("N"));

    [LinuxFact]
    [UnsupportedOSPlatform("windows")]
    public void Secret_ExistingWorldReadableFiles_BecomeOwnerOnlyAndKeepTheirSecret()
    {
        Directory.CreateDirectory(_folder);
        File.SetUnixFileMode(_folder, OwnerOnly | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        var path = Path.Combine(_folder, "api-key");
        var existing = new string('a', 48);
        File.WriteAllText(path, existing);
        File.SetUnixFileMode(path, OwnerOnly | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        var secret = new LocalState(_folder).Secret("api-key");

        Assert.Equal(existing, secret);
        Assert.Equal(OwnerOnly, File.GetUnixFileMode(path));
        Assert.Equal(OwnerOnly | UnixFileMode.UserExecute, File.GetUnixFileMode(_folder));
    }

    [LinuxFact]
    [UnsupportedOSPlatform("windows")]
    public void Secret_TooShortFile_IsReplacedOwnerOnly()
    {
        Directory.CreateDirectory(_folder);
        var path = Path.Combine(_folder, "signing-key");
        File.WriteAllText(path, "short");
        File.SetUnixFileMode(path, OwnerOnly | UnixFileMode.OtherRead);

        var secret = new LocalState(_folder).Secret("signing-key");

        Assert.Equal(48, secret.Length);
        Assert.Equal(secret, File.ReadAllText(path));
        Assert.Equal(OwnerOnly, File.GetUnixFileMode(path));
    }

    [Fact]
    public void From_StateFolderConfigured_UsesItsFullPath()
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["FollowUp:SelfHost:StateFolder"] = _folder + Path.DirectorySeparatorChar }).Build();

        Assert.Equal(_folder, LocalState.From(config).Folder);
    }

    [Fact]
    public void From_NothingConfigured_IsDotLocalInTheCheckout()
    {
        var config = new ConfigurationBuilder().Build();

        Assert.Equal(Path.Combine(Storage.RepositoryRoot.Find()!, ".local"), LocalState.From(config).Folder);
    }

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }
}
