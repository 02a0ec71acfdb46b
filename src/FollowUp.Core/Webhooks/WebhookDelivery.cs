using Azure;

namespace FollowUp.Webhooks;

/// <summary>One event waiting to reach one subscription: its id (the <c>webhook-id</c>), the CloudEvent, and its attempts so far.</summary>
public sealed record WebhookDelivery(string SubscriptionId, string Id, string Type, string Body, DateTimeOffset CreatedAt, int Attempts, ETag ETag)
{
    /// <summary>The creation time (ticks) of the subscription it was queued for.</summary>
    public long Generation { get; init; }
}
