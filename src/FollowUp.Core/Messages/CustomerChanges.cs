using FollowUp.Customers;

namespace FollowUp.Messages;

/// <summary>What one event changes in its customer's rows, decided on <paramref name="Read"/>.</summary>
/// <param name="Read">The rows as read; their ETags are the condition of the write.</param>
/// <param name="Profile">The profile to write, or null when it is unchanged.</param>
/// <param name="Head">The order's or deal's head to write, or null when it is unchanged.</param>
/// <param name="Pointers">Pointer rows of the event's new messages, for listing a customer's messages.</param>
public sealed record CustomerChanges(CustomerRecord Read, CustomerEntity? Profile, SubjectHead? Head, IReadOnlyList<MessagePointer> Pointers)
{
    /// <summary>The event itself, kept for replays; written (or written again, by a retry) with the rest.</summary>
    public EventRow? Event { get; init; }
}
