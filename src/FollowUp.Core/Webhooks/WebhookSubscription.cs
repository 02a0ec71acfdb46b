using System.Text.Json.Serialization;

namespace FollowUp.Webhooks;

/// <summary>A subscription to a message's ledger events, and how its deliveries have been going.</summary>
public sealed record WebhookSubscription
{
    public required string Id { get; init; }

    public required string Url { get; init; }

    public required IReadOnlyList<string> Events { get; init; }

    /// <summary>The signing secret; left out of lists.</summary>
    public string? Secret { get; init; }

    public bool Enabled { get; init; } = true;

    public string? Description { get; init; }

    /// <summary>Why it was switched off: every delivery failed for a day, with the last failure.</summary>
    public string? DisabledReason { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; init; }

    public DateTimeOffset? LastSuccessAt { get; init; }

    public DateTimeOffset? LastFailureAt { get; init; }

    public string? LastFailure { get; init; }

    /// <summary>When the deliveries started failing with none getting through since; null while they get through.</summary>
    public DateTimeOffset? FailingSince { get; init; }

    /// <summary>Deliveries given up after a day of retries.</summary>
    public long Dropped { get; init; }

    [JsonIgnore]
    public int Version { get; init; }

    public bool Wants(string type) => Enabled && (Events.Contains(WebhookEventTypes.All) || Events.Contains(type));
}
