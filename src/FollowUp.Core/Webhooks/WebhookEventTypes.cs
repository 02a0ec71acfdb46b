using FollowUp.Messages;

namespace FollowUp.Webhooks;

/// <summary>
/// The ledger events a subscription can ask for, by the name of the CloudEvent type's last part
/// (<c>followup.message.answered</c>): one per thing that happens to a message, and <c>alert</c> for an alert raised on it.
/// </summary>
public static class WebhookEventTypes
{
    public const string Prefix = "followup.message.";
    public const string All = "*";

    public static IReadOnlyList<string> Names { get; } =
    [
        "scheduled", "deferred", "rescheduled", "held", "released", "cancelled", "sent", "failed", "delivered", "opened",
        "clicked", "bounced", "complained", "unsubscribed", "answered", "delivery", "alert", "erased",
    ];

    /// <summary>What a ledger entry is called in a webhook, or null for the dispatcher's own steps (a claim, a failed attempt to be retried).</summary>
    public static string? Of(MessageEvent entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return entry.Kind switch
        {
            MessageEventKind.Scheduled => "scheduled",
            MessageEventKind.Deferred => "deferred",
            MessageEventKind.BroughtForward => "rescheduled",
            MessageEventKind.Held => "held",
            MessageEventKind.Released => "released",
            MessageEventKind.Cancelled => "cancelled",
            MessageEventKind.Sent => "sent",
            MessageEventKind.Failed => "failed",
            MessageEventKind.Clicked => "clicked",
            MessageEventKind.Answered => "answered",
            MessageEventKind.Unsubscribed => "unsubscribed",
            MessageEventKind.Alerted => "alert",
            MessageEventKind.Erased => "erased",
            MessageEventKind.Delivery => entry.Reached switch
            {
                MessageStatus.Delivered => "delivered",
                MessageStatus.Opened => "opened",
                MessageStatus.Clicked => "clicked",
                MessageStatus.Bounced => "bounced",
                MessageStatus.Complained => "complained",
                MessageStatus.Unsubscribed => "unsubscribed",
                _ => "delivery",
            },
            _ => null,
        };
    }
}
