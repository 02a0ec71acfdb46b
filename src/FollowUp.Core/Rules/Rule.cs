namespace FollowUp.Rules;

/// <summary>Which event starts which message, after what delay, for whom, and what cancels it.</summary>
public sealed record Rule
{
    public required string Id { get; init; }

    public string? Description { get; init; }

    /// <summary>The event type that starts the follow-up, e.g. <c>order.delivered</c>.</summary>
    public required string Trigger { get; init; }

    /// <summary>A Scriban expression over <c>customer</c>, <c>order</c>/<c>deal</c> and <c>event</c>; empty means always.</summary>
    public string? Condition { get; init; }

    /// <summary>ISO 8601 duration after the event's time, e.g. <c>P5D</c>.</summary>
    public required string Delay { get; init; }

    public required string TemplateId { get; init; }

    /// <summary>Event types on the same order or deal that cancel a pending message of this rule.</summary>
    public IReadOnlyList<string> CancelOn { get; init; } = [];

    public bool Enabled { get; init; } = true;

    public CouponSettings? Coupon { get; init; }

    /// <summary>Which caps the rule's messages count against and whether they need marketing consent.</summary>
    public MessageCategory Category { get; init; } = MessageCategory.Feedback;

    /// <summary>Who hears about answers that need a person, and which answers those are (see <see cref="RuleAlerts"/>).</summary>
    public RuleAlerts? Alerts { get; init; }

    /// <summary>The journey phase reports put its messages in; null for the one its trigger starts (see <see cref="JourneyPhases"/>).</summary>
    public JourneyPhase? Phase { get; init; }

    /// <summary>When its messages may reach the recipient, in the recipient's zone; null means any time.</summary>
    public RuleSendWindow? SendWindow { get; init; }

    /// <summary>Replaces the configured cap of the rule's category for its messages: <c>1/P14D</c>, or <c>none</c>.</summary>
    public string? FrequencyCap { get; init; }

    /// <summary>Of two messages the caps will not both let through, the one of the higher priority goes first (default 0).</summary>
    public int Priority { get; init; }

    /// <summary>Up to three ISO 8601 durations after the first send: each a reminder of its own, stopped by an answer, an unsubscribe or the cancelling event.</summary>
    public IReadOnlyList<string> Reminders { get; init; } = [];

    /// <summary>ISO 8601 duration: a message held back past its due time by more than this is cancelled as expired.</summary>
    public string? ExpiresAfter { get; init; }

    /// <summary>ISO 8601 duration: an event older than this when it arrives schedules nothing (a backfill, a replay).</summary>
    public string? MaxEventAge { get; init; }

    public int Version { get; init; }

    public DateTimeOffset? UpdatedAt { get; init; }

    /// <summary>Who saved this version: the name of the API key used (<c>unknown</c> when the key has no name).</summary>
    public string? UpdatedBy { get; init; }

    /// <summary>The version this one restored, when it was made by a restore.</summary>
    public int? RestoredFrom { get; init; }

    /// <summary>In the answer to a save only (never stored): names the condition uses that the template model does not have, with the nearest known name.</summary>
    public IReadOnlyList<Templates.LintWarning>? Warnings { get; init; }
}
