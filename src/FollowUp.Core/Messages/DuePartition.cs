using Azure;

namespace FollowUp.Messages;

/// <summary>
/// A Messages partition that has (or had) pending messages, as the directory lists it: what a dispatch pass visits.
/// </summary>
/// <param name="Partition">The Messages partition: a minute and a hash digit.</param>
/// <param name="TouchedAt">When a writer last said it was putting a pending message there.</param>
/// <param name="HandedOutThrough">Messages due up to this time were handed out to the queue at <paramref name="HandedOutAt"/>.</param>
/// <param name="HandedOutAt">When that was.</param>
/// <param name="ETag">The directory row's version, for retiring or leasing it without losing a writer's touch.</param>
public sealed record DuePartition(string Partition, DateTimeOffset? TouchedAt, DateTimeOffset? HandedOutThrough, DateTimeOffset? HandedOutAt, ETag ETag);
