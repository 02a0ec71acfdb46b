using FollowUp.Dispatch;
using FollowUp.Messages;
using Microsoft.Extensions.Options;

namespace FollowUp.SelfHost.Dispatch;

/// <summary>
/// The self-host's dispatcher: sends what is due, then sleeps until the next message falls due, a new message is
/// scheduled sooner, or <see cref="DispatchOptions.IdleInterval"/> passes (to see work other instances scheduled).
/// Nothing stops it but the host's shutdown: a failing pass (storage down, a fault it could not record) is logged
/// and tried again after a growing pause.
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
                var summary = await dispatcher.DispatchDueAsync(stoppingToken).ConfigureAwait(false);
                var untilNext = summary.NextDue is { } due ? due - time.GetUtcNow() : options.Value.IdleInterval;
                wait = untilNext < TimeSpan.Zero ? TimeSpan.Zero : untilNext > options.Value.IdleInterval ? options.Value.IdleInterval : untilNext;

                // Due messages that another dispatcher holds (or a dead one held: its claim has to expire) stay due;
                // without a pause the loop would spin on them until the claims end.
                if (summary.Busy > 0 && summary.Progress == 0)
                {
                    var tenth = options.Value.ClaimDuration / 10;
                    var pause = tenth < options.Value.IdleInterval ? tenth : options.Value.IdleInterval;
                    wait = pause > wait ? pause : wait;
                }

                // A message whose fault could not be recorded stays due; without a pause the loop would spin on it.
                // A pass that moved other messages on is not held back by it.
                failures = summary.Faulted > 0 && summary.Progress == 0 ? failures + 1 : 0;
                if (failures > 0)
                {
                    wait = Pause(failures) > wait ? Pause(failures) : wait;
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                failures++;
                wait = Pause(failures);
                LogPassFailed(logger, ex.GetType().Name, wait);
            }

            if (wait > TimeSpan.Zero)
            {
                using var sleep = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
                var until = time.GetUtcNow() + wait;
                var timer = Task.Delay(wait, time, sleep.Token);
                while (true)
                {
                    var woken = await Task.WhenAny(failures > 0 ? Task.Delay(Timeout.InfiniteTimeSpan, time, sleep.Token) : wakeUp, timer).ConfigureAwait(false);

                    // A message scheduled for later than the loop looks anyway is no reason to look now: under a
                    // stream of events that would be one pass per event.
                    if (woken == wakeUp && wakeUp.Result > until && !stoppingToken.IsCancellationRequested)
                    {
                        wakeUp = signal.NextAsync();
                        continue;
                    }

                    break;
                }

                await sleep.CancelAsync().ConfigureAwait(false);
            }
        }
    }

    private static TimeSpan Pause(int failures) => TimeSpan.FromSeconds(Math.Min(60, Math.Pow(2, Math.Min(failures, 10))));

    [LoggerMessage(Level = LogLevel.Warning, Message = "A dispatch pass failed ({Error}); trying again in {Wait}")]
    private static partial void LogPassFailed(ILogger logger, string error, TimeSpan wait);
}
