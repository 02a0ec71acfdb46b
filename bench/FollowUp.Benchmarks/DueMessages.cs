using System.Diagnostics;
using FollowUp.Dispatch;
using FollowUp.Ingest;
using FollowUp.Testing;

namespace FollowUp.Benchmarks;

/// <summary>
/// Thank-yous already due, as figures 3, 5 and 7 need them: order.placed events that happened two hours ago, each for
/// its own order and customer, through the core <see cref="EventIngestor"/> without HTTP. The rule waits one hour, so
/// each is due at once: the scheduler dates it (and files it under) the minute it was scheduled, four partitions a
/// minute.
/// </summary>
internal static class DueMessages
{
    private const int MaxPasses = 100;

    /// <summary>When the events of messages due now happened: two hours ago, twice the thank-you rule's delay.</summary>
    public static DateTimeOffset HappenedAt() => TimeProvider.System.GetUtcNow() - TimeSpan.FromHours(2);

    /// <summary>Ingests <paramref name="count"/> events that each schedule one thank-you due now, from <see cref="BenchmarkOptions.Clients"/> workers.</summary>
    /// <param name="scheduled">Told the id of each message scheduled.</param>
    public static Task<WorkResult> ScheduleAsync(BenchPipeline pipeline, string run, int count, DateTimeOffset happened, BenchmarkOptions options, Action<string>? scheduled, CancellationToken cancellationToken)
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
                if (result.Status != IngestStatus.Accepted || result.Scheduled is not [{ MessageId: { } id }])
                {
                    return false;
                }

                scheduled?.Invoke(id);
                return true;
            },
            cancellationToken);
    }

    /// <summary>
    /// Waits for the next minute unless at least <paramref name="room"/> is left of this one, so that messages
    /// scheduled within <paramref name="room"/> share one minute's partitions (when it is under a minute).
    /// </summary>
    public static async Task WaitForRoomInMinuteAsync(TimeSpan room, CancellationToken cancellationToken)
    {
        var now = TimeProvider.System.GetUtcNow();
        var left = TimeSpan.FromMinutes(1) - TimeSpan.FromTicks(now.UtcTicks % TimeSpan.TicksPerMinute);
        if (left < room && room < TimeSpan.FromMinutes(1))
        {
            await Task.Delay(left + TimeSpan.FromMilliseconds(50), TimeProvider.System, cancellationToken);
        }
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
