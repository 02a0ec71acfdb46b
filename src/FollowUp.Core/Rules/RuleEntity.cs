using Azure;
using Azure.Data.Tables;

namespace FollowUp.Rules;

/// <summary>A rule stored as its JSON definition: the shape evolves with the product without a table migration.</summary>
public sealed class RuleEntity : ITableEntity
{
    public const string Partition = "rule";

    public string PartitionKey { get; set; } = Partition;

    public string RowKey { get; set; } = string.Empty;

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public string Definition { get; set; } = "{}";
}
