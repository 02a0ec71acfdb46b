namespace FollowUp.Messages;

/// <summary>
/// One entry of a suppression's history: what a person did through the API, when, with which key and why. A removal
/// keeps what the removed suppression was (its scope, source and message), so the list loses nothing it cannot show.
/// </summary>
public sealed record SuppressionChange
{
    public required DateTimeOffset At { get; init; }

    public required SuppressionAction Action { get; init; }

    /// <summary>The name of the API key that made the change.</summary>
    public required string By { get; init; }

    /// <summary>Why, in the words the person gave (at most 500 characters).</summary>
    public string? Reason { get; init; }

    /// <summary>What the suppression stopped: the one added, or the one removed.</summary>
    public UnsubscribeScope? Scope { get; init; }

    /// <summary>For a removal: what had put the address on the list.</summary>
    public SuppressionSource? Source { get; init; }

    /// <summary>For a removal: the message the removed suppression came from, when it came from one.</summary>
    public string? MessageId { get; init; }
}
