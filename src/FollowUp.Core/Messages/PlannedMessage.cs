using FollowUp.Rules;

namespace FollowUp.Messages;

/// <summary>A message a rule makes for an event, decided but not yet written.</summary>
/// <param name="Rule">The rule.</param>
/// <param name="Message">The row to write.</param>
/// <param name="CancelReason">Why it is born cancelled, or null to schedule it.</param>
/// <param name="Detail">What its history says about its scheduling.</param>
/// <param name="NewPointer">Its new pointer row, or null when the order already lists it (a replay).</param>
public sealed record PlannedMessage(Rule Rule, MessageEntity Message, string? CancelReason, string Detail, MessagePointer? NewPointer)
{
    /// <summary>Why it is due later than the rule's delay says, in the ledger's words; null when it is not.</summary>
    public string? Deferral { get; init; }

    /// <summary>Messages of a lower priority this one goes before: each moves to a later time, with why in words.</summary>
    public IReadOnlyList<PlanMove> Bumped { get; init; } = [];
}
