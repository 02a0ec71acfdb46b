using Azure;
using Azure.Data.Tables;

namespace FollowUp.Customers;

/// <summary>A customer's contact details and purchase history (row "profile" in the customer's partition).</summary>
public sealed class CustomerEntity : ITableEntity
{
    public const string ProfileRowKey = "profile";

    public string PartitionKey { get; set; } = string.Empty;

    public string RowKey { get; set; } = ProfileRowKey;

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public string CustomerId { get; set; } = string.Empty;

    public string Email { get; set; } = string.Empty;

    public string? Name { get; set; }

    public string? Locale { get; set; }

    public string? TimeZone { get; set; }

    /// <summary>ISO 3166 alpha-2, when the shop said.</summary>
    public string? Country { get; set; }

    public bool? MarketingConsent { get; set; }

    public int OrderCount { get; set; }

    /// <summary>Invariant decimal text: Table Storage has no decimal type and doubles would drift.</summary>
    public string LifetimeSpend { get; set; } = "0";

    public string? Currency { get; set; }

    public DateTimeOffset? FirstOrderAt { get; set; }

    public DateTimeOffset? LastOrderAt { get; set; }

    /// <summary>The time of the event the contact details came from.</summary>
    public DateTimeOffset? ContactAsOf { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}
