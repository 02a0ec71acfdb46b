using FollowUp.Messages;

namespace FollowUp.Http;

/// <summary>The body of <c>PUT /api/suppressions/{address}</c>: what the address is to stop, and why.</summary>
public sealed record SuppressionInput
{
    /// <summary>What the address stops; <c>everything</c> when left out. A suppression only ever widens.</summary>
    public UnsubscribeScope? Scope { get; init; }

    /// <summary>Why, for the address's history: 1 to 500 characters on one line. Required.</summary>
    public string? Reason { get; init; }
}
