using FollowUp.Alerts;
using FollowUp.Feed;
using FollowUp.Webhooks;
using Microsoft.Azure.Functions.Worker;

namespace FollowUp.Functions;

/// <summary>
/// Every 15 seconds: the messages that changed are counted for reports, their answers that need a person queued as
/// alerts and their new ledger events for webhooks; then the alerts due go out and the webhook outbox is delivered. A pass that fails leaves its work listed for the next; passes on two
/// instances at once still count each change once and send each delivery under its own claim.
/// </summary>
public sealed class ChangeFeedFunction(ChangeFeed feed, AlertSender alerts, WebhookSender webhooks)
{
    [Function("ChangeFeed")]
    public async Task RunAsync([TimerTrigger("*/15 * * * * *")] TimerInfo timer, CancellationToken cancellationToken)
    {
        await feed.RunAsync(cancellationToken).ConfigureAwait(false);
        await alerts.SendDueAsync(cancellationToken).ConfigureAwait(false);
        await webhooks.DeliverDueAsync(cancellationToken).ConfigureAwait(false);
    }
}
