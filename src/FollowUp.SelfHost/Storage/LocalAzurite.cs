using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace FollowUp.SelfHost.Storage;

/// <summary>
/// Azurite's Table service, started from the repository's pinned npm package on a free loopback port and stopped
/// on dispose. Used by the self-host when no storage is configured, and by the tests and benchmarks.
/// </summary>
public sealed class LocalAzurite : IAsyncDisposable
{
    /// <summary>Azurite's well-known development account; not a secret.</summary>
    private const string DevAccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private readonly Process _process;

    private LocalAzurite(Process process, int port)
    {
        _process = process;
        Port = port;
    }

    public int Port { get; }

    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={DevAccountKey};TableEndpoint=http://127.0.0.1:{Port}/devstoreaccount1;";

    /// <param name="location">A folder to keep data in across runs, or null to keep it in memory.</param>
    public static async Task<LocalAzurite> StartAsync(string? location, CancellationToken cancellationToken = default)
    {
        var root = RepositoryRoot.Find() ?? throw new InvalidOperationException(
            "Cannot find the repository's package.json with Azurite next to this program; set FollowUp:Storage:ConnectionString instead.");
        var script = Path.Combine(root, "node_modules", "azurite", "dist", "src", "table", "main.js");
        if (!File.Exists(script))
        {
            await RunNpmCiAsync(root, cancellationToken).ConfigureAwait(false);
        }

        Exception? lastError = null;
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var port = FreePort();
            try
            {
                return await StartOnAsync(script, port, location, cancellationToken).ConfigureAwait(false);
            }
            catch (IOException ex)
            {
                // Another process took the port between our probe and Azurite's bind: try another.
                lastError = ex;
            }
        }

        throw new InvalidOperationException("Azurite did not start.", lastError);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync().ConfigureAwait(false);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }

        _process.Dispose();
    }

    private static async Task<LocalAzurite> StartOnAsync(string script, int port, string? location, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("node")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { script, "--tableHost", "127.0.0.1", "--tablePort", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--skipApiVersionCheck", "--disableProductStyleUrl", "--silent" })
        {
            start.ArgumentList.Add(argument);
        }

        if (location is null)
        {
            start.ArgumentList.Add("--inMemoryPersistence");
        }
        else
        {
            Directory.CreateDirectory(location);
            start.ArgumentList.Add("--location");
            start.ArgumentList.Add(location);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start node; is Node.js installed?");
        var output = new StringBuilder();
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                return;
            }

            lock (output)
            {
                output.AppendLine(e.Data);
            }

            if (e.Data.Contains("successfully started", StringComparison.OrdinalIgnoreCase))
            {
                started.TrySetResult();
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (output)
                {
                    output.AppendLine(e.Data);
                }
            }
        };
        process.EnableRaisingEvents = true;
        process.Exited += (_, _) => started.TrySetException(new IOException("Azurite exited during start-up: " + output));
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        try
        {
            await started.Task.WaitAsync(timeout.Token).ConfigureAwait(false);
            return new LocalAzurite(process, port);
        }
        catch
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }

            process.Dispose();
            throw;
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
