using System.Diagnostics;

namespace FollowUp.Benchmarks;

/// <summary>
/// Runs items 0..count-1 on a number of concurrent workers, each taking the next item until all are taken or the time
/// limit has passed; so every measurement ends by itself, with what it finished.
/// </summary>
internal static class BoundedWork
{
    public static async Task<WorkResult> RunAsync(int count, int workers, TimeSpan limit, Func<int, CancellationToken, Task<bool>> item, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(item);
        var next = -1;
        var failed = 0;
        var finished = new TimeSpan[count];
        var done = 0;
        var started = Stopwatch.GetTimestamp();
        await Task.WhenAll(Enumerable.Range(0, workers).Select(_ => Task.Run(
            async () =>
            {
                while (!cancellationToken.IsCancellationRequested && Stopwatch.GetElapsedTime(started) < limit)
                {
                    var index = Interlocked.Increment(ref next);
                    if (index >= count)
                    {
                        return;
                    }

                    if (await item(index, cancellationToken))
                    {
                        finished[Interlocked.Increment(ref done) - 1] = Stopwatch.GetElapsedTime(started);
                    }
                    else
                    {
                        Interlocked.Increment(ref failed);
                    }
                }
            },
            cancellationToken)));
        var completions = finished[..done];
        Array.Sort(completions);
        return new WorkResult(count, done, failed, workers, Stopwatch.GetElapsedTime(started), completions);
    }
}
