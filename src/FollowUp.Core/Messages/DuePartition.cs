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
/// <param name="NextDueAt">For an old partition whose pending messages all wait (retries): when the first falls due; passes skip it until then.</param>
/// <param name="LeasedAt">When the current lease of its hand-outs began.</param>
public sealed record DuePartition(string Partition, DateTimeOffset? TouchedAt, DateTimeOffset? HandedOutThrough, DateTimeOffset? HandedOutAt, ETag ETag, DateTimeOffset? NextDueAt = null, DateTimeOffset? LeasedAt = null)
{
    /// <summary>Whether a pass at <paramref name="now"/> has anything to look for here.</summary>
    public bool IsDue(DateTimeOffset now) => NextDueAt is not { } later || later <= now;
}
