using Azure;
using FollowUp.Dispatch;
using Microsoft.Extensions.Options;

namespace FollowUp.SelfHost.Dispatch;

/// <summary>
/// The self-host's dispatcher: sends what is due, then sleeps until the next message falls due, a new message is
/// scheduled sooner, or <see cref="DispatchOptions.IdleInterval"/> passes (to see work other instances scheduled).
/// </summary>
internal sealed partial class DispatchLoop(
    MessageDispatcher dispatcher,
    DispatchSignal signal,
    IOptions<DispatchOptions> options,
    TimeProvider time,
    ILogger<DispatchLoop> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            var wakeUp = signal.NextAsync();
            TimeSpan wait;
            try
            {
                await dispatcher.DispatchDueAsync(stoppingToken).ConfigureAwait(false);

                var next = await dispatcher.NextDueAsync(stoppingToken).ConfigureAwait(false);
                var untilNext = next is { } due ? due - time.GetUtcNow() : options.Value.IdleInterval;
                wait = untilNext < TimeSpan.Zero ? TimeSpan.Zero : untilNext > options.Value.IdleInterval ? options.Value.IdleInterval : untilNext;
                failures = 0;
            }
            catch (RequestFailedException ex)
            {
                failures++;
                wait = TimeSpan.FromSeconds(Math.Min(60, Math.Pow(2, failures)));
                LogStorageFailed(logger, ex.Status, wait);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }

            if (wait > TimeSpan.Zero)
            {
                using var sleep = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
                await Task.WhenAny(wakeUp, Task.Delay(wait, time, sleep.Token)).ConfigureAwait(false);
                await sleep.CancelAsync().ConfigureAwait(false);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Dispatch could not reach storage ({Status}); trying again in {Wait}")]
    private static partial void LogStorageFailed(ILogger logger, int status, TimeSpan wait);
}
