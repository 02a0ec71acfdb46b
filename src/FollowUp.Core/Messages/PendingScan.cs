namespace FollowUp.Messages;

/// <summary>What a dispatcher found pending in one partition: the messages due now, earliest first, and when the next one falls due.</summary>
/// <param name="Due">Scheduled and due, or claimed by someone whose claim has run out.</param>
/// <param name="Busy">Claimed by a dispatcher that may still be sending.</param>
/// <param name="NextDue">The earliest time something pending here falls due (or a live claim ends), null when nothing else is pending.</param>
/// <param name="Unreadable">Rows that could not be read and were failed with the reason.</param>
public sealed record PendingScan(IReadOnlyList<MessageEntity> Due, int Busy, DateTimeOffset? NextDue, int Unreadable = 0)
{
    /// <summary>The earlier of two times that may be missing.</summary>
    internal static DateTimeOffset? Earlier(DateTimeOffset? a, DateTimeOffset? b) => a is null ? b : b is null ? a : a < b ? a : b;
}
