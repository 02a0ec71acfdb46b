using Azure.Data.Tables;

namespace FollowUp.Messages;

/// <summary>
/// Everything the index holds about one order or deal of one customer, read in a single partition query: the event
/// types it has seen with the latest time of each (<see cref="DateTimeOffset.MaxValue"/> when one came without a
/// time), the snapshot of its data, and its messages.
/// </summary>
public sealed record SubjectState(string Partition, IReadOnlyDictionary<string, DateTimeOffset> Seen, TableEntity? Snapshot, IReadOnlyList<SubjectMessage> Messages);
