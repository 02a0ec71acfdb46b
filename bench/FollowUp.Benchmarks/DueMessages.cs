using System.Diagnostics;
using FollowUp.Dispatch;
using FollowUp.Ingest;
using FollowUp.Testing;

namespace FollowUp.Benchmarks;

/// <summary>
/// Thank-yous already due, as figures 3, 5 and 7 need them: order.placed events that happened at one moment two hours
/// ago, each for its own order and customer, through the core <see cref="EventIngestor"/> without HTTP. The rule waits
/// one hour, so all fall due in the same minute (at most four Messages partitions).
/// </summary>
internal static class DueMessages
{
    private const int MaxPasses = 100;

    /// <summary>When the events of messages due now happened: two hours ago, twice the thank-you rule's delay.</summary>
    public static DateTimeOffset HappenedAt() => TimeProvider.System.GetUtcNow() - TimeSpan.FromHours(2);

    /// <summary>Ingests <paramref name="count"/> events that each schedule one thank-you due now, from <see cref="BenchmarkOptions.Clients"/> workers.</summary>
    public static Task<WorkResult> ScheduleAsync(BenchPipeline pipeline, string run, int count, DateTimeOffset happened, BenchmarkOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        ArgumentNullException.ThrowIfNull(options);
        return BoundedWork.RunAsync(
            count,
            options.Clients,
            options.MaxDuration,
            async (index, token) =>
            {
                var result = await pipeline.IngestAsync(BenchEvents.OrderPlaced(run, index, happened), token);
                return result.Status == IngestStatus.Accepted && result.Scheduled.Count == 1;
            },
            cancellationToken);
    }

    /// <summary>
    /// <see cref="MessageDispatcher.DispatchDueAsync"/> passes on real time until the fake SendGrid has accepted
    /// <paramref name="expected"/> more mails, at most <see cref="MaxPasses"/> passes or <paramref name="limit"/>.
    /// </summary>
    public static async Task<DispatchRun> DispatchAsync(MessageDispatcher dispatcher, FakeSendGridServer sendGrid, int expected, TimeSpan limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dispatcher);
        ArgumentNullException.ThrowIfNull(sendGrid);
        var acceptedBefore = sendGrid.Accepted.Count;
        var passes = 0;
        var sent = 0;
        var other = 0;
        var started = Stopwatch.GetTimestamp();
        while (sent < expected && passes < MaxPasses && Stopwatch.GetElapsedTime(started) < limit)
        {
            var summary = await dispatcher.DispatchDueAsync(cancellationToken);
            passes++;
            sent += summary.Sent;
            other += summary.Total - summary.Sent;
        }

        return new DispatchRun(sendGrid.Accepted.Count - acceptedBefore, passes, other, Stopwatch.GetElapsedTime(started));
    }
}

/// <summary>What dispatch passes sent: mails the fake SendGrid accepted, in how many passes, and what else the passes counted.</summary>
internal sealed record DispatchRun(int Accepted, int Passes, int NotSent, TimeSpan Elapsed)
{
    public double PerSecond => Accepted / Elapsed.TotalSeconds;
}
