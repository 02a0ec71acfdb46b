using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using FollowUp.SelfHost.Storage;

namespace FollowUp.Testing;

/// <summary>
/// The self-host as <c>dotnet run</c> starts it, but as a child process of the test, for what only a process shows:
/// signals, kills and restarts on the same state folder. It runs the FollowUp.SelfHost.dll built next to the test
/// assembly, on a free loopback port, sending to the outbox. Needs Linux (signals, <c>/proc</c>). Every self-host
/// still running when the test run ends is killed.
/// </summary>
public sealed class SelfHostProcess : IAsyncDisposable
{
    public const string ApiKey = "test-api-key-0123456789";

    /// <summary>Generous, for a loaded 2-core machine; only a hung process takes this long.</summary>
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private static readonly ConcurrentDictionary<SelfHostProcess, bool> Running = new();

    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly StringBuilder _errors = new();

    static SelfHostProcess() =>
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            foreach (var host in Running.Keys)
            {
                host.KillNow();
            }
        };

    private SelfHostProcess(Process process, string stateFolder, IReadOnlyDictionary<string, string> environment, Uri baseAddress)
    {
        _process = process;
        StateFolder = stateFolder;
        Environment = environment;
        BaseAddress = baseAddress;
    }

    public string StateFolder { get; }

    /// <summary>The settings it was started with, as environment variables; a restart reuses them.</summary>
    public IReadOnlyDictionary<string, string> Environment { get; }

    public Uri BaseAddress { get; }

    public int Pid => _process.Id;

    /// <summary>What it printed on stdout so far.</summary>
    public string Output => Read(_output);

    /// <summary>What it printed on stderr so far.</summary>
    public string Errors => Read(_errors);

    /// <summary>
    /// A state folder, the test API key, a public base URL and the outbox in the state folder: everything a fresh
    /// machine's <c>dotnet run</c> would default, but nothing shared with another test.
    /// </summary>
    public static Dictionary<string, string> DefaultEnvironment(string stateFolder) => new()
    {
        ["FollowUp__SelfHost__StateFolder"] = stateFolder,
        ["FollowUp__SelfHost__ApiKey"] = ApiKey,
        ["FollowUp__PublicBaseUrl"] = PipelineHarness.PublicBaseUrl,
        ["FollowUp__SendGrid__OutboxPath"] = Path.Combine(stateFolder, "outbox"),
    };

    /// <summary>Starts a self-host and waits until its API answers.</summary>
    /// <param name="environment">Settings as environment variables; <see cref="DefaultEnvironment"/> when null.</param>
    public static async Task<SelfHostProcess> StartAsync(string stateFolder, IReadOnlyDictionary<string, string>? environment = null, bool urlsFromEnvironment = false, CancellationToken cancellationToken = default)
    {
        var host = Launch(stateFolder, environment, urlsFromEnvironment: urlsFromEnvironment);
        try
        {
            await host.WaitUntilReadyAsync(cancellationToken).ConfigureAwait(false);
            return host;
        }
        catch
        {
            await host.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Starts a self-host without waiting for it, for starts that are meant to fail.</summary>
    /// <param name="stateFolder">Its state folder.</param>
    /// <param name="environment">Settings as environment variables; <see cref="DefaultEnvironment"/> when null.</param>
    /// <param name="port">The port to listen on; a free one when null.</param>
    /// <param name="urlsFromEnvironment">Give the address as ASPNETCORE_URLS, as a shell would, rather than --urls.</param>
    public static SelfHostProcess Launch(string stateFolder, IReadOnlyDictionary<string, string>? environment = null, int? port = null, bool urlsFromEnvironment = false)
    {
        environment ??= DefaultEnvironment(stateFolder);
        var dll = Path.Combine(AppContext.BaseDirectory, "FollowUp.SelfHost.dll");
        if (!File.Exists(dll))
        {
            throw new FileNotFoundException("The self-host is not built next to the tests; reference FollowUp.SelfHost (FollowUp.Testing does).", dll);
        }

        var baseAddress = new Uri($"http://127.0.0.1:{port ?? FreePort()}/");
        var start = new ProcessStartInfo(System.Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);
        if (urlsFromEnvironment)
        {
            start.Environment["ASPNETCORE_URLS"] = baseAddress.GetLeftPart(UriPartial.Authority);
        }
        else
        {
            start.ArgumentList.Add("--urls");
            start.ArgumentList.Add(baseAddress.GetLeftPart(UriPartial.Authority));
        }

        // Only this test's settings: none the test run itself may have been given.
        foreach (var inherited in start.Environment.Keys.Where(key => key.StartsWith("FollowUp", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            start.Environment.Remove(inherited);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start dotnet.");
        var host = new SelfHostProcess(process, stateFolder, environment, baseAddress);
        Running[host] = true;
        process.OutputDataReceived += (_, e) => Append(host._output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(host._errors, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return host;
    }

    /// <summary>A new self-host on the same state folder with the same settings (and a new port); this one must have exited.</summary>
    public Task<SelfHostProcess> RestartAsync(CancellationToken cancellationToken = default)
    {
        if (!_process.HasExited)
        {
            throw new InvalidOperationException("Stop or kill this self-host before starting another on its folder.");
        }

        return StartAsync(StateFolder, Environment, cancellationToken: cancellationToken);
    }

    /// <summary>An HTTP client for its API, with the API key (the configured one, or the generated one from its folder).</summary>
    public HttpClient CreateClient()
    {
        var key = Environment.TryGetValue("FollowUp__SelfHost__ApiKey", out var configured)
            ? configured
            : File.ReadAllText(Path.Combine(StateFolder, "api-key")).Trim();
        var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Add("X-Api-Key", key);
        return client;
    }

    /// <summary>SIGTERM, as a service manager stops it, then waits for it to exit.</summary>
    /// <returns>The exit code.</returns>
    public async Task<int> TerminateAsync()
    {
        UnixSignal.Send(Pid, UnixSignal.Terminate);
        return await WaitForExitAsync().ConfigureAwait(false);
    }

    /// <summary>SIGKILL: no chance to clean up, as in a crash or an out-of-memory kill.</summary>
    public async Task KillAsync()
    {
        UnixSignal.Send(Pid, UnixSignal.Kill);
        await WaitForExitAsync().ConfigureAwait(false);
    }

    /// <returns>The exit code.</returns>
    public async Task<int> WaitForExitAsync()
    {
        using var timeout = new CancellationTokenSource(Patience, TimeProvider.System);
        try
        {
            // Also waits for the end of its output, so Output and Errors are complete.
            await _process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            throw new TimeoutException($"The self-host did not exit within {Patience}.{Describe()}");
        }

        Running.TryRemove(this, out _);
        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            KillNow();
            await _process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
        }

        Running.TryRemove(this, out _);
        _process.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static void Append(StringBuilder text, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (text)
        {
            text.AppendLine(line);
        }
    }

    private static string Read(StringBuilder text)
    {
        lock (text)
        {
            return text.ToString();
        }
    }

    private async Task WaitUntilReadyAsync(CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Patience);
        try
        {
            while (true)
            {
                if (_process.HasExited)
                {
                    throw new InvalidOperationException($"The self-host exited with code {_process.ExitCode} before it answered.{Describe()}");
                }

                if (await AnswersAsync(timeout.Token).ConfigureAwait(false))
                {
                    return;
                }

                await Task.Delay(TimeSpan.FromMilliseconds(100), TimeProvider.System, timeout.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"The self-host did not answer within {Patience}.{Describe()}");
        }
    }

    private async Task<bool> AnswersAsync(CancellationToken cancellationToken)
    {
        try
        {
            using var client = CreateClient();
            using var response = await client.GetAsync(new Uri("api/rules", UriKind.Relative), cancellationToken).ConfigureAwait(false);
            return response.StatusCode == HttpStatusCode.OK;
        }
        catch (Exception ex) when (ex is HttpRequestException or FileNotFoundException or DirectoryNotFoundException)
        {
            // Not listening yet, or its generated key not written yet.
            return false;
        }
    }

    private void KillNow()
    {
        try
        {
            _process.Kill();
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }

    private string Describe() =>
        string.Create(CultureInfo.InvariantCulture, $"{System.Environment.NewLine}stdout:{System.Environment.NewLine}{Output}stderr:{System.Environment.NewLine}{Errors}");
}
