using Azure;
using Azure.Data.Tables;

namespace FollowUp.Customers;

/// <summary>A customer's contact details and purchase history (the customer's row <c>profile</c>).</summary>
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

    /// <summary>The customer's messages by when they go, as JSON (the frequency caps' record; see Messages.SendPlan).</summary>
    public string? SendPlan { get; set; }

    /// <summary>The time of the event the contact details came from.</summary>
    public DateTimeOffset? ContactAsOf { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>The profile from a row read along with other kinds of rows (as a <see cref="TableEntity"/>).</summary>
    public static CustomerEntity From(TableEntity row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return new CustomerEntity
        {
            PartitionKey = row.PartitionKey,
            RowKey = row.RowKey,
            Timestamp = row.Timestamp,
            ETag = row.ETag,
            CustomerId = row.GetString(nameof(CustomerId)) ?? string.Empty,
            Email = row.GetString(nameof(Email)) ?? string.Empty,
            Name = row.GetString(nameof(Name)),
            Locale = row.GetString(nameof(Locale)),
            TimeZone = row.GetString(nameof(TimeZone)),
            Country = row.GetString(nameof(Country)),
            MarketingConsent = row.GetBoolean(nameof(MarketingConsent)),
            OrderCount = row.GetInt32(nameof(OrderCount)) ?? 0,
            LifetimeSpend = row.GetString(nameof(LifetimeSpend)) ?? "0",
            Currency = row.GetString(nameof(Currency)),
            FirstOrderAt = row.GetDateTimeOffset(nameof(FirstOrderAt)),
            LastOrderAt = row.GetDateTimeOffset(nameof(LastOrderAt)),
            ContactAsOf = row.GetDateTimeOffset(nameof(ContactAsOf)),
            SendPlan = row.GetString(nameof(SendPlan)),
            CreatedAt = row.GetDateTimeOffset(nameof(CreatedAt)) ?? default,
            UpdatedAt = row.GetDateTimeOffset(nameof(UpdatedAt)) ?? default,
        };
    }

    /// <summary>A copy to change, so that a write that fails leaves the row read as it was.</summary>
    public CustomerEntity Copy() => (CustomerEntity)MemberwiseClone();
}
