using FollowUp.Alerts;
using FollowUp.Feed;
using FollowUp.Webhooks;

namespace FollowUp.SelfHost.Dispatch;

/// <summary>
/// The self-host's change feed: every few seconds, the messages that changed are counted for reports, their answers
/// that need a person queued as alerts and their new ledger events for webhooks; then the alerts due go out, and what
/// the webhook outbox holds is delivered. A failing pass is logged and
/// tried again; nothing is lost meanwhile, since what changed stays listed until it is handled.
/// </summary>
internal sealed partial class ChangeFeedLoop(ChangeFeed feed, WebhookSender webhooks, AlertSender alerts, TimeProvider time, ILogger<ChangeFeedLoop> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await feed.RunAsync(stoppingToken).ConfigureAwait(false);
                await alerts.SendDueAsync(stoppingToken).ConfigureAwait(false);
                await webhooks.DeliverDueAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                LogPassFailed(logger, ex);
            }

            try
            {
                await Task.Delay(Interval, time, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A pass of the change feed (reports, webhooks) failed; trying again shortly")]
    private static partial void LogPassFailed(ILogger logger, Exception exception);
}
