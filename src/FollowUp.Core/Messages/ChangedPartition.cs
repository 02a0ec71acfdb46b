using Azure;

namespace FollowUp.Messages;

/// <summary>A Messages partition listed as holding changes that reports have not counted yet.</summary>
public sealed record ChangedPartition(string Partition, DateTimeOffset? TouchedAt, ETag ETag);
