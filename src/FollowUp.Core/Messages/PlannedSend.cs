namespace FollowUp.Messages;

/// <summary>One message in a customer's send plan: when it is to go (or went), its category and priority.</summary>
/// <param name="MessageId">The message.</param>
/// <param name="RuleId">Its rule, for the words of a deferral.</param>
/// <param name="Category">Its category, lower case.</param>
/// <param name="At">When it is due (or went).</param>
/// <param name="Priority">Its rule's priority when it was planned.</param>
/// <param name="Earliest">
/// The earliest it may go: its delay's end in its send window, and the minute its id (and partition) is of. A cap
/// defers it from there; when what was in the way is cancelled, it is brought forward, never before this.
/// </param>
public sealed record PlannedSend(string MessageId, string RuleId, string Category, DateTimeOffset At, int Priority, DateTimeOffset Earliest)
{
    /// <summary>
    /// Set when the plan moved a written message from here to <see cref="At"/>: the row's move is made again on each of
    /// the customer's events until the message is due, so a move cut off by a failure (or overtaken) is not lost.
    /// </summary>
    public DateTimeOffset? MovedFrom { get; init; }

    /// <summary>The ledger's words for that move.</summary>
    public string? MoveWhy { get; init; }
}
