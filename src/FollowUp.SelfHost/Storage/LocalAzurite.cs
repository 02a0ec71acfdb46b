using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace FollowUp.SelfHost.Storage;

/// <summary>
/// Azurite's Table service, started from the repository's pinned npm package on a free loopback port and stopped
/// on dispose. Used by the self-host when no storage is configured, and by the tests and benchmarks.
/// </summary>
/// <remarks>
/// With a data folder, Azurite keeps its tables in memory and saves them every 5 seconds and when it stops on
/// SIGINT, so this stops it with SIGINT, never with a kill unless it does not exit. One Azurite per folder: it holds a
/// lock there while it runs, and stops an Azurite left running on the folder by a killed owner before starting.
/// </remarks>
public sealed class LocalAzurite : IAsyncDisposable
{
    /// <summary>Azurite's well-known development account; not a secret.</summary>
    private const string DevAccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private const string LockFileName = "azurite.lock";
    private const string LogFileName = "azurite.log";

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(50);

    private readonly Process _process;
    private readonly string? _location;
    private readonly FileStream? _folderLock;

    private LocalAzurite(Process process, int port, string? location, FileStream? folderLock, int? replacedPid)
    {
        _process = process;
        _location = location;
        _folderLock = folderLock;
        Port = port;
        ReplacedPid = replacedPid;
    }

    public int Port { get; }

    /// <summary>The pid of an Azurite that a killed owner left running on the data folder, stopped before this one started.</summary>
    public int? ReplacedPid { get; }

    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={DevAccountKey};TableEndpoint=http://127.0.0.1:{Port}/devstoreaccount1;";

    /// <param name="location">A folder to keep data in across runs, or null to keep it in memory.</param>
    /// <exception cref="FolderInUseException">Another Azurite runs on <paramref name="location"/>.</exception>
    public static async Task<LocalAzurite> StartAsync(string? location, CancellationToken cancellationToken = default)
    {
        var root = RepositoryRoot.Find() ?? throw new InvalidOperationException(
            "Cannot find the repository's package.json with Azurite next to this program; set FollowUp:Storage:ConnectionString instead.");
        var script = Path.Combine(root, "node_modules", "azurite", "dist", "src", "table", "main.js");
        if (!File.Exists(script))
        {
            await RunNpmCiAsync(root, cancellationToken).ConfigureAwait(false);
        }

        FileStream? folderLock = null;
        int? replacedPid = null;
        if (location is not null)
        {
            location = Path.TrimEndingDirectorySeparator(Path.GetFullPath(location));
            Directory.CreateDirectory(location);
            folderLock = LockFolder(location);
        }

        try
        {
            if (location is not null && !OperatingSystem.IsWindows())
            {
                replacedPid = await AzuriteRecord.StopLeftoverAsync(location).ConfigureAwait(false);
            }

            Exception? lastError = null;
            for (var attempt = 0; attempt < 5; attempt++)
            {
                var port = FreePort();
                try
                {
                    var process = await StartOnAsync(script, port, location, cancellationToken).ConfigureAwait(false);
                    return new LocalAzurite(process, port, location, folderLock, replacedPid);
                }
                catch (IOException ex)
                {
                    // Another process took the port between our probe and Azurite's bind: try another.
                    lastError = ex;
                }
            }

            throw new InvalidOperationException("Azurite did not start.", lastError);
        }
        catch
        {
            folderLock?.Dispose();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (_location is null || OperatingSystem.IsWindows())
            {
                // In memory there is nothing to save. Windows has no SIGINT to send; Azurite's autosave is all there is.
                if (!_process.HasExited)
                {
                    _process.Kill(entireProcessTree: true);
                    await _process.WaitForExitAsync().ConfigureAwait(false);
                }
            }
            else
            {
                if (!_process.HasExited)
                {
                    await AzuriteProcesses.StopAsync(_process.Id, _process.WaitForExitAsync).ConfigureAwait(false);
                }

                AzuriteRecord.Delete(_location);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
        finally
        {
            _process.Dispose();

            // Only now: a self-host started meanwhile must not open the files before Azurite has saved them.
            _folderLock?.Dispose();
        }
    }

    private static FileStream LockFolder(string location)
    {
        var path = Path.Combine(location, LockFileName);
        try
        {
            // FileShare.None is an exclusive lock (flock on Unix) that the system releases when the process dies,
            // however it dies, so a killed owner never leaves the folder locked. Its HResult is errno on Unix and a
            // sharing violation on Windows, so the failure is recognised by what it is not.
            return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException ex) when (ex is not FileNotFoundException and not DirectoryNotFoundException and not PathTooLongException)
        {
            throw new FolderInUseException(
                $"Another process runs Azurite on {location} (it holds {Path.Combine(location, LockFileName)}).",
                ex);
        }
    }

    private static async Task<Process> StartOnAsync(string script, int port, string? location, CancellationToken cancellationToken)
    {
        var arguments = new List<string>
        {
            script, "--tableHost", "127.0.0.1", "--tablePort", port.ToString(CultureInfo.InvariantCulture),
            "--skipApiVersionCheck", "--disableProductStyleUrl", "--disableTelemetry", "--silent",
        };

        // Last, as AzuriteProcesses expects: the data folder is how a leftover Azurite is recognised.
        arguments.AddRange(location is null ? ["--inMemoryPersistence"] : ["--location", location]);

        var log = location is null || OperatingSystem.IsWindows() ? null : Path.Combine(location, LogFileName);
        var process = Process.Start(log is null ? PipedStart(arguments) : DetachedStart(arguments, log))
            ?? throw new InvalidOperationException("Could not start node; is Node.js installed?");
        var outputSoFar = log is null ? CaptureOutput(process) : () => ReadLog(log);
        if (log is not null)
        {
            // Recorded before Azurite is ready: if this process is killed now, the next start still finds it.
            AzuriteRecord.Write(location!, process.Id, port);
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(StartTimeout);
        try
        {
            while (!outputSoFar().Contains("successfully started", StringComparison.OrdinalIgnoreCase))
            {
                if (process.HasExited)
                {
                    throw new IOException("Azurite exited during start-up: " + outputSoFar());
                }

                await Task.Delay(PollInterval, TimeProvider.System, timeout.Token).ConfigureAwait(false);
            }

            return process;
        }
        catch
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
            }

            process.Dispose();
            if (log is not null)
            {
                AzuriteRecord.Delete(location!);
            }

            throw;
        }
    }

    private static ProcessStartInfo PipedStart(List<string> arguments)
    {
        var start = new ProcessStartInfo("node") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        arguments.ForEach(start.ArgumentList.Add);
        return start;
    }

    private static Func<string> CaptureOutput(Process process)
    {
        var output = new StringBuilder();
        DataReceivedEventHandler append = (_, e) =>
        {
            lock (output)
            {
                output.AppendLine(e.Data);
            }
        };
        process.OutputDataReceived += append;
        process.ErrorDataReceived += append;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return () =>
        {
            lock (output)
            {
                return output.ToString();
            }
        };
    }

    /// <summary>
    /// Azurite writing to a log file rather than a pipe to this process: if this process is killed, the pipe breaks
    /// and Azurite would die on its next write instead of saving when it is stopped. And in its own session (where
    /// setsid exists), so that a terminal's Ctrl+C reaches only the self-host, which stops Azurite after its last
    /// request; a second SIGINT while Azurite saves would kill it.
    /// </summary>
    private static ProcessStartInfo DetachedStart(List<string> arguments, string log)
    {
        var start = new ProcessStartInfo("/bin/sh") { UseShellExecute = false };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add("""exec </dev/null >"$0" 2>&1; if command -v setsid >/dev/null; then exec setsid "$@"; fi; exec "$@" """);
        start.ArgumentList.Add(log);
        start.ArgumentList.Add("node");
        arguments.ForEach(start.ArgumentList.Add);
        return start;
    }

    private static string ReadLog(string path)
    {
        try
        {
            using var reader = new StreamReader(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite));
            return reader.ReadToEnd();
        }
        catch (FileNotFoundException)
        {
            return string.Empty;
        }
    }

    private static async Task RunNpmCiAsync(string root, CancellationToken cancellationToken)
    {
        var npm = OperatingSystem.IsWindows() ? "npm.cmd" : "npm";
        var start = new ProcessStartInfo(npm, "ci --no-audit --no-fund") { WorkingDirectory = root, UseShellExecute = false };
        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start npm; is Node.js installed?");
        await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"'npm ci' in {root} failed with exit code {process.ExitCode}.");
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
