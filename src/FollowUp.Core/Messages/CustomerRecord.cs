using Azure.Data.Tables;
using FollowUp.Customers;

namespace FollowUp.Messages;

/// <summary>What one event needs of its customer's partition, read in one query.</summary>
/// <param name="CustomerKey">The partition.</param>
/// <param name="Profile">The customer's profile, if any yet.</param>
/// <param name="OrderRow">The row that counted this event's order, if it was counted before (a replay).</param>
/// <param name="Head">The order's or deal's head, if it has seen an event before.</param>
/// <param name="Pointers">The order's or deal's messages.</param>
public sealed record CustomerRecord(string CustomerKey, CustomerEntity? Profile, TableEntity? OrderRow, SubjectHead? Head, IReadOnlyList<MessagePointer> Pointers);
