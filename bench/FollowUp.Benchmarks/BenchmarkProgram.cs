using System.Diagnostics;
using System.Globalization;
using FollowUp.Testing;

namespace FollowUp.Benchmarks;

/// <summary>
/// Measures FollowUp against real Azurite and the loopback fake SendGrid, and prints the figures as a markdown table:
/// the raw Table Storage ceiling, events ingested through the HTTP API, messages dispatched end to end, how late the
/// dispatch loop sends, whether messages waiting for later cost the dispatch of those due anything, the self-host's
/// memory with messages pending, and the Functions dispatch path (timer, queue, queue function). Every measurement
/// stops at its count or its time limit, and deletes its tables (the waiting messages 5 and 6 share, when the run ends).
/// </summary>
internal static class BenchmarkProgram
{
    public static async Task<int> Main(string[] args)
    {
        var options = BenchmarkOptions.Parse(args, out var error);
        if (options is null)
        {
            if (!string.IsNullOrEmpty(error))
            {
                Console.Error.WriteLine(error);
            }

            Console.Error.WriteLine(BenchmarkOptions.Usage);
            return string.IsNullOrEmpty(error) ? 0 : 2;
        }

        using var cancel = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cancel.Cancel();
        };

        var startedAt = TimeProvider.System.GetUtcNow();
        var started = Stopwatch.GetTimestamp();
        Console.WriteLine("Starting Azurite (in memory)...");
        var connectionString = await SharedAzurite.ConnectionStringAsync();
        await using var waiting = new SharedWaiting(connectionString, options);
        var phases = new (string Title, Func<CancellationToken, Task<IReadOnlyList<Figure>>> Run)[]
        {
            ("1. Raw Table Storage writes (Azure.Data.Tables, no FollowUp code)", token => RawWriteBenchmark.RunAsync(connectionString, options, token)),
            ("2. Events through POST /api/events", token => HttpIngestBenchmark.RunAsync(options, token)),
            ("3. Messages dispatched end to end", token => DispatchThroughputBenchmark.RunAsync(options, token)),
            ("4. Due-to-sent latency of the dispatch loop", token => DispatchLatencyBenchmark.RunAsync(options, token)),
            ("5. Waiting does not cost: due messages dispatched with and without messages waiting", token => WaitingBenchmark.RunAsync(options, waiting, token)),
            ("6. Self-host memory with messages pending (child process)", token => SelfHostMemoryBenchmark.RunAsync(connectionString, waiting, token)),
            ("7. Functions dispatch in-process: timer, in-memory queue, queue function", token => FunctionsDispatchBenchmark.RunAsync(options, token)),
            ("8. Reports: a year's report, and counting as messages change", token => ReportBenchmark.RunAsync(options, token)),
            ("9. Replay of kept events against a proposal", token => ReplayBenchmark.RunAsync(options, token)),
            ("10. The console: downloads, and its first views in Chromium", token => ConsoleBenchmark.RunAsync(options, token)),
        };

        var figures = new List<Figure>();
        foreach (var (title, run) in phases.Where(phase => options.Runs(int.Parse(phase.Title[..phase.Title.IndexOf('.', StringComparison.Ordinal)], CultureInfo.InvariantCulture))))
        {
            if (cancel.IsCancellationRequested)
            {
                Console.Error.WriteLine("Cancelled; the figures so far:");
                break;
            }

            Console.WriteLine(title);
            var phaseStarted = Stopwatch.GetTimestamp();
            try
            {
                figures.AddRange(await run(cancel.Token));
            }
            catch (OperationCanceledException) when (cancel.IsCancellationRequested)
            {
                continue;
            }
            catch (Exception ex)
            {
                // A phase that fails is reported and the others still run; ending normally also stops Azurite.
                Console.Error.WriteLine(ex);
                figures.Add(new Figure(title[..title.IndexOf('.', StringComparison.Ordinal)], title, "failed", null, ex.GetType().Name + ": " + ex.Message, Ok: false));
                continue;
            }

            Console.WriteLine($"  ({Stats.Seconds(Stopwatch.GetElapsedTime(phaseStarted))} with set-up and clean-up)");
        }

        Report.Print(Console.Out, options, args, figures, startedAt, Stopwatch.GetElapsedTime(started));
        return cancel.IsCancellationRequested ? 130 : figures.All(f => f.Ok) ? 0 : 1;
    }
}
