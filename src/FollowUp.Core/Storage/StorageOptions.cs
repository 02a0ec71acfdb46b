namespace FollowUp.Storage;

public sealed class StorageOptions
{
    public const string SectionName = "FollowUp:Storage";

    /// <summary>A storage connection string (Azurite, or a key-based account). Set this or <see cref="TableServiceUri"/>.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>The account's table endpoint, e.g. <c>https://acct.table.core.windows.net</c>, reached with a managed identity.</summary>
    public string? TableServiceUri { get; set; }

    /// <summary>Client id of the user-assigned managed identity to use with <see cref="TableServiceUri"/>; empty for the default credential chain.</summary>
    public string? ManagedIdentityClientId { get; set; }

    /// <summary>Prefix of every table name (default <c>FollowUp</c>): letters and digits, starting with a letter.</summary>
    public string TablePrefix { get; set; } = "FollowUp";
}
