using Azure.Data.Tables;
using FollowUp.Storage;

namespace FollowUp.Messages;

/// <summary>Addresses that unsubscribed. Keyed by the lower-cased address, so case never lets a message through.</summary>
public static class Suppressions
{
    public static string Key(string email) => TableKey.Encode(email.Trim().ToLowerInvariant());

    public static async Task<bool> IsSuppressedAsync(FollowUpTables tables, string email, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tables);
        var entity = await tables.Suppressions.GetEntityIfExistsAsync<TableEntity>(Key(email), string.Empty, ["PartitionKey"], cancellationToken).ConfigureAwait(false);
        return entity.HasValue;
    }
}
