using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using FollowUp.Http;
using FollowUp.Storage;
using FollowUp.Testing;

namespace FollowUp.Benchmarks;

/// <summary>
/// Figure 6: the resident memory of the real self-host (a child process, <see cref="SelfHostProcess"/>, as
/// <c>dotnet run</c> starts it) whose dispatch loop idles over the waiting messages of figure 5, and over empty tables
/// for comparison. It is given the benchmark's Azurite and table prefix (so it starts no Azurite of its own) and a
/// one-second idle interval, and is read from <c>/proc/{pid}/status</c> after about <see cref="Passes"/> passes.
/// </summary>
internal static class SelfHostMemoryBenchmark
{
    /// <summary>The issue's target for a self-host with 100,000 messages pending.</summary>
    public const double TargetMegabytes = 150;

    private const int Passes = 10;

    private const double Mega = 1024 * 1024;

    private static readonly TimeSpan IdleInterval = TimeSpan.FromSeconds(1);

    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    public static async Task<IReadOnlyList<Figure>> RunAsync(string connectionString, SharedWaiting shared, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(shared);
        if (!OperatingSystem.IsLinux())
        {
            throw new PlatformNotSupportedException("Figure 6 reads the self-host's memory from /proc: Linux only.");
        }

        var emptyPrefix = "benchidle" + Guid.NewGuid().ToString("N")[..10];
        Reading none;
        try
        {
            none = await MeasureAsync(connectionString, emptyPrefix, null, cancellationToken);
        }
        finally
        {
            await new FollowUpTables(new Azure.Data.Tables.TableServiceClient(connectionString), emptyPrefix).DeleteAllAsync(CancellationToken.None);
        }

        Console.WriteLine($"  none pending: {Megabytes(none.Resident)} resident, {Megabytes(none.Peak)} at most");
        var waiting = await shared.GetAsync(cancellationToken);
        var some = await MeasureAsync(connectionString, waiting.TablePrefix, waiting.FirstId, cancellationToken);
        Console.WriteLine($"  {Stats.Count(waiting.Count)} pending: {Megabytes(some.Resident)} resident, {Megabytes(some.Peak)} at most");

        var target = some.Peak <= TargetMegabytes * Mega ? "within" : "**over**";
        var how = string.Create(CultureInfo.InvariantCulture, $"FollowUp.SelfHost.dll in its own process (Release, server GC as shipped), on this run's Azurite, FollowUp:Dispatch:IdleInterval {IdleInterval:c}, read from /proc/<pid>/status after {some.Watched.TotalSeconds:0} s of dispatch loop (~{Passes} passes) once /health/ready answered");
        return
        [
            new Figure(
                "6",
                $"Self-host resident memory (VmRSS) with {Stats.Count(waiting.Count)} messages pending",
                Megabytes(some.Resident),
                null,
                string.Create(CultureInfo.InvariantCulture, $"peak (VmHWM) {Megabytes(some.Peak)}, {target} the {TargetMegabytes:0} MB target; {some.Answer}; {how}"),
                some.Healthy),
            new Figure(
                "6b",
                "Self-host resident memory (VmRSS) with none pending, for comparison",
                Megabytes(none.Resident),
                null,
                $"peak (VmHWM) {Megabytes(none.Peak)}; the difference to 6: {Megabytes(some.Resident - none.Resident)} resident, {Megabytes(some.Peak - none.Peak)} peak; {none.Answer}",
                none.Healthy),
        ];
    }

    private static string Megabytes(long bytes) => (bytes / Mega).ToString("0.0", CultureInfo.InvariantCulture) + " MB";

    /// <summary>Starts a self-host on <paramref name="tablePrefix"/>, waits until it is ready, lets its loop run, and reads its memory.</summary>
    /// <param name="pendingId">A message it should find pending there, to show that it looks at the right tables.</param>
    private static async Task<Reading> MeasureAsync(string connectionString, string tablePrefix, string? pendingId, CancellationToken cancellationToken)
    {
        using var state = new SelfHostStateFolder();
        var environment = SelfHostProcess.DefaultEnvironment(state.Path);
        environment["FollowUp__Storage__ConnectionString"] = connectionString;
        environment["FollowUp__Storage__TablePrefix"] = tablePrefix;
        environment["FollowUp__Dispatch__IdleInterval"] = IdleInterval.ToString("c", CultureInfo.InvariantCulture);
        environment["Logging__LogLevel__Default"] = "Warning";
        var started = Stopwatch.GetTimestamp();
        var host = await SelfHostProcess.StartAsync(state.Path, environment, cancellationToken: cancellationToken);
        try
        {
            using var client = host.CreateClient();
            var ready = await WaitUntilReadyAsync(client, cancellationToken);
            var readyAfter = Stopwatch.GetElapsedTime(started);
            var found = pendingId is null ? null : await StatusOfAsync(client, pendingId, cancellationToken);
            var watched = Stopwatch.GetTimestamp();
            await Task.Delay(IdleInterval * Passes, TimeProvider.System, cancellationToken);
            var (resident, peak) = ReadStatus(host.Pid);
            var elapsed = Stopwatch.GetElapsedTime(watched);
            var errors = host.Errors.Trim();
            var answer = $"/health/ready answered {(int)ready} {Stats.Seconds(readyAfter)} after launch";
            if (pendingId is not null)
            {
                answer += $"; GET /api/messages/<the first waiting id> answered {found ?? "nothing"}";
            }

            if (errors.Length > 0)
            {
                answer += $"; it wrote to stderr: {errors.Split('\n')[0]}";
            }

            return new Reading(resident, peak, elapsed, answer, ready == HttpStatusCode.OK && errors.Length == 0 && (pendingId is null || found == "scheduled"));
        }
        finally
        {
            try
            {
                await host.TerminateAsync();
            }
            finally
            {
                await host.DisposeAsync();
            }
        }
    }

    private static async Task<HttpStatusCode> WaitUntilReadyAsync(HttpClient client, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var last = HttpStatusCode.ServiceUnavailable;
        while (Stopwatch.GetElapsedTime(started) < Patience)
        {
            using var response = await client.GetAsync(new Uri("/" + FollowUpRoutes.HealthReady, UriKind.Relative), cancellationToken);
            last = response.StatusCode;
            if (last == HttpStatusCode.OK)
            {
                break;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(200), TimeProvider.System, cancellationToken);
        }

        return last;
    }

    /// <summary>The message's status as the self-host's API shows it, or the HTTP status when it does not.</summary>
    private static async Task<string> StatusOfAsync(HttpClient client, string messageId, CancellationToken cancellationToken)
    {
        using var response = await client.GetAsync(new Uri("/" + FollowUpRoutes.Message.Replace("{id}", messageId, StringComparison.Ordinal), UriKind.Relative), cancellationToken);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            return ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture);
        }

        using var message = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(cancellationToken), cancellationToken: cancellationToken);
        return message.RootElement.TryGetProperty("status", out var status) ? status.GetString() ?? "no status" : "no status";
    }

    /// <summary>VmRSS (resident now) and VmHWM (the most it was) in bytes.</summary>
    private static (long Resident, long Peak) ReadStatus(int pid)
    {
        long resident = -1;
        long peak = -1;
        foreach (var line in File.ReadLines($"/proc/{pid}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                resident = Kilobytes(line) * 1024;
            }
            else if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
            {
                peak = Kilobytes(line) * 1024;
            }
        }

        return resident < 0 || peak < 0 ? throw new InvalidOperationException($"/proc/{pid}/status has no VmRSS or VmHWM.") : (resident, peak);
    }

    private static long Kilobytes(string line) =>
        long.Parse(line.AsSpan(line.IndexOf(':', StringComparison.Ordinal) + 1).Trim().TrimEnd("kB").Trim(), NumberStyles.None, CultureInfo.InvariantCulture);

    private sealed record Reading(long Resident, long Peak, TimeSpan Watched, string Answer, bool Healthy);
}
