using Azure;
using Azure.Data.Tables;
using FollowUp.Storage;

namespace FollowUp.Messages;

/// <summary>
/// The owner of the Suppressions table: addresses that must not get mail. Keyed by the lower-cased address, so case
/// never lets a message through.
/// </summary>
public sealed class Suppressions(FollowUpTables tables)
{
    public static string Key(string email)
    {
        ArgumentNullException.ThrowIfNull(email);
        return TableKey.Encode(email.Trim().ToLowerInvariant());
    }

    public async Task<bool> IsSuppressedAsync(string email, CancellationToken cancellationToken = default)
    {
        var entity = await tables.Suppressions.GetEntityIfExistsAsync<TableEntity>(Key(email), string.Empty, ["PartitionKey"], cancellationToken).ConfigureAwait(false);
        return entity.HasValue;
    }

    /// <summary>Suppresses the address; false when it already was.</summary>
    public async Task<bool> AddAsync(string email, string reason, string messageId, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        try
        {
            await tables.Suppressions.AddEntityAsync(new TableEntity(Key(email), string.Empty)
            {
                ["Reason"] = reason,
                ["MessageId"] = messageId,
                ["At"] = at,
            }, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            return false;
        }
    }
}
