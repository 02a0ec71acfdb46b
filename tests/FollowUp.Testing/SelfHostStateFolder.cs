using System.Collections.Concurrent;
using FollowUp.SelfHost.Storage;

namespace FollowUp.Testing;

/// <summary>
/// A self-host's state folder of its own for a test, in the temp folder. Disposing it kills any Azurite still running
/// on it (one left by a killed self-host, or by a failed test) and deletes it; so does the end of the test run.
/// </summary>
public sealed class SelfHostStateFolder : IDisposable
{
    private static readonly ConcurrentDictionary<SelfHostStateFolder, bool> Live = new();

    static SelfHostStateFolder() =>
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            foreach (var folder in Live.Keys)
            {
                folder.Dispose();
            }
        };

    public SelfHostStateFolder()
    {
        Path = Directory.CreateTempSubdirectory("followup-state-").FullName;
        Live[this] = true;
    }

    public string Path { get; }

    /// <summary>Where the self-host's own Azurite keeps its data.</summary>
    public string AzuriteFolder => System.IO.Path.Combine(Path, "azurite");

    /// <summary>The live Azurite processes on this folder, found by their command line.</summary>
    public IReadOnlyList<int> Azurites() => AzuriteProcesses.Serving(AzuriteFolder);

    public void Dispose()
    {
        if (!Live.TryRemove(this, out _))
        {
            return;
        }

        foreach (var pid in Azurites())
        {
            UnixSignal.Send(pid, UnixSignal.Kill);
        }

        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A process killed a moment ago may still be writing; the temp folder is the system's to clean.
        }
    }
}
