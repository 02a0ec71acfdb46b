using System.Security.Cryptography;
using Azure;
using Azure.Data.Tables;
using FollowUp.Storage;

namespace FollowUp.Webhooks;

/// <summary>
/// The owner of the Webhooks table: the subscriptions, each a row, with how their deliveries are going. The enabled
/// ones are cached for a few seconds, since every change of every message asks which of them want it.
/// </summary>
public sealed class WebhookSubscriptions(FollowUpTables tables, TimeProvider time)
{
    public const string SecretPrefix = "whsec_";

    private const string Partition = "subscription";
    private static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(5);

    private (DateTimeOffset At, IReadOnlyList<WebhookSubscription> Enabled)? _cache;

    private TableClient Table => tables.Webhooks;

    public static string NewSecret() => SecretPrefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    /// <summary>The secret's key bytes, or null when it is not <c>whsec_</c> and 24 to 64 bytes of base64.</summary>
    public static byte[]? KeyOf(string? secret)
    {
        if (secret is null || !secret.StartsWith(SecretPrefix, StringComparison.Ordinal))
        {
            return null;
        }

        var buffer = new byte[96];
        return Convert.TryFromBase64String(secret[SecretPrefix.Length..], buffer, out var length) && length is >= 24 and <= 64 ? buffer[..length] : null;
    }

    public async Task<IReadOnlyList<WebhookSubscription>> EnabledAsync(CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        if (_cache is { } cached && now - cached.At < CacheFor)
        {
            return cached.Enabled;
        }

        var enabled = (await ListAsync(cancellationToken).ConfigureAwait(false)).Where(s => s.Enabled).ToList();
        _cache = (now, enabled);
        return enabled;
    }

    public async Task<IReadOnlyList<WebhookSubscription>> ListAsync(CancellationToken cancellationToken = default)
    {
        var all = new List<WebhookSubscription>();
        await foreach (var row in Table.QueryAsync<TableEntity>(e => e.PartitionKey == Partition, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            all.Add(From(row));
        }

        return all;
    }

    public async Task<WebhookSubscription?> GetAsync(string id, CancellationToken cancellationToken = default)
    {
        var found = await Table.GetEntityIfExistsAsync<TableEntity>(Partition, id, cancellationToken: cancellationToken).ConfigureAwait(false);
        return found.HasValue ? From(found.Value!) : null;
    }

    /// <summary>Creates or changes a subscription under the edit's precondition (see <see cref="EditConflictException.ThrowIfUnmet"/>).</summary>
    /// <exception cref="EditConflictException">It changed since the version the caller read.</exception>
    public async Task<(WebhookSubscription Subscription, bool Created)> SaveAsync(WebhookInput input, string id, int? expectedVersion, bool mustExist = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var now = time.GetUtcNow();
        for (var attempt = 1; ; attempt++)
        {
            var found = await Table.GetEntityIfExistsAsync<TableEntity>(Partition, id, cancellationToken: cancellationToken).ConfigureAwait(false);
            var existing = found.HasValue ? From(found.Value!) : null;
            EditConflictException.ThrowIfUnmet($"Webhook '{id}'", existing?.Version ?? 0, expectedVersion, mustExist);

            var enabled = input.Enabled ?? true;
            var subscription = new WebhookSubscription
            {
                Id = id,
                Url = input.Url!,
                Events = [.. input.Events!.Distinct(StringComparer.Ordinal)],
                Secret = input.Secret ?? existing?.Secret ?? NewSecret(),
                Enabled = enabled,
                Description = input.Description,
                CreatedAt = existing?.CreatedAt ?? now,
                UpdatedAt = now,
                LastSuccessAt = existing?.LastSuccessAt,
                LastFailureAt = existing?.LastFailureAt,
                LastFailure = existing?.LastFailure,
                Dropped = existing?.Dropped ?? 0,

                // Switched on again: a fresh day before it can be switched off.
                DisabledReason = enabled ? null : existing?.DisabledReason,
                FailingSince = enabled && existing is { Enabled: true } ? existing.FailingSince : null,
                Version = (existing?.Version ?? 0) + 1,
            };
            try
            {
                if (found.HasValue)
                {
                    await Table.UpdateEntityAsync(To(subscription), found.Value!.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    await Table.AddEntityAsync(To(subscription), cancellationToken).ConfigureAwait(false);
                }

                _cache = null;
                return (subscription, !found.HasValue);
            }
            catch (RequestFailedException ex) when (ex.Status is 409 or 412 && attempt < 5)
            {
                // The row changed under the read (a sender noting a delivery, or another edit): read it again, and
                // the version check above says whether the edit still holds.
            }
        }
    }

    public async Task<bool> DeleteAsync(string id, CancellationToken cancellationToken = default)
    {
        try
        {
            await Table.DeleteEntityAsync(Partition, id, ETag.All, cancellationToken).ConfigureAwait(false);
            _cache = null;
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return false;
        }
    }

    /// <summary>A delivery got through: whatever was failing is over.</summary>
    public async Task RecordSuccessAsync(WebhookSubscription subscription, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(subscription);
        var now = time.GetUtcNow();

        // Once a minute is enough to say it works; a merge, so that it never undoes an edit.
        if (subscription.FailingSince is null && subscription.LastSuccessAt > now - TimeSpan.FromMinutes(1))
        {
            return;
        }

        await MergeAsync(subscription.Id, new TableEntity(Partition, subscription.Id) { ["LastSuccessAt"] = now, ["FailingSince"] = DateTimeOffset.MinValue }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// A delivery failed (or was given up, <paramref name="dropped"/>): noted, and the subscription switched off, with
    /// the reason, once nothing has got through for <paramref name="failFor"/>.
    /// </summary>
    public async Task RecordFailureAsync(string id, string failure, bool dropped, TimeSpan failFor, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        for (var attempt = 1; attempt <= 5; attempt++)
        {
            var found = await Table.GetEntityIfExistsAsync<TableEntity>(Partition, id, cancellationToken: cancellationToken).ConfigureAwait(false);
            if (!found.HasValue)
            {
                return;
            }

            var current = From(found.Value!);
            var since = current.FailingSince ?? now;
            var row = new TableEntity(Partition, id)
            {
                ["LastFailureAt"] = now,
                ["LastFailure"] = failure,
                ["FailingSince"] = since,
                ["Dropped"] = current.Dropped + (dropped ? 1 : 0),
            };
            if (current.Enabled && now - since >= failFor)
            {
                row["Enabled"] = false;
                row["DisabledReason"] = $"switched off at {now:u}: no delivery got through for {Math.Round(failFor.TotalHours)} hours; the last failure: {failure}";
            }

            try
            {
                await Table.UpdateEntityAsync(row, found.Value!.ETag, TableUpdateMode.Merge, cancellationToken).ConfigureAwait(false);
                _cache = null;
                return;
            }
            catch (RequestFailedException ex) when (ex.Status is 404 or 412)
            {
            }
        }
    }

    private async Task MergeAsync(string id, TableEntity row, CancellationToken cancellationToken)
    {
        try
        {
            await Table.UpdateEntityAsync(row, ETag.All, TableUpdateMode.Merge, cancellationToken).ConfigureAwait(false);
            _cache = null;
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            // Deleted meanwhile.
        }
    }

    private static TableEntity To(WebhookSubscription s) => new(Partition, s.Id)
    {
        ["Url"] = s.Url,
        ["Events"] = string.Join(',', s.Events),
        ["Secret"] = s.Secret,
        ["Enabled"] = s.Enabled,
        ["Description"] = s.Description,
        ["DisabledReason"] = s.DisabledReason,
        ["CreatedAt"] = s.CreatedAt,
        ["UpdatedAt"] = s.UpdatedAt,
        ["LastSuccessAt"] = s.LastSuccessAt,
        ["LastFailureAt"] = s.LastFailureAt,
        ["LastFailure"] = s.LastFailure,
        ["FailingSince"] = s.FailingSince ?? DateTimeOffset.MinValue,
        ["Dropped"] = s.Dropped,
        ["Version"] = s.Version,
    };

    private static WebhookSubscription From(TableEntity row) => new()
    {
        Id = row.RowKey,
        Url = row.GetString("Url") ?? string.Empty,
        Events = (row.GetString("Events") ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries),
        Secret = row.GetString("Secret"),
        Enabled = row.GetBoolean("Enabled") ?? true,
        Description = row.GetString("Description"),
        DisabledReason = row.GetString("DisabledReason"),
        CreatedAt = row.GetDateTimeOffset("CreatedAt") ?? default,
        UpdatedAt = row.GetDateTimeOffset("UpdatedAt") ?? default,
        LastSuccessAt = row.GetDateTimeOffset("LastSuccessAt"),
        LastFailureAt = row.GetDateTimeOffset("LastFailureAt"),
        LastFailure = row.GetString("LastFailure"),
        FailingSince = row.GetDateTimeOffset("FailingSince") is { } since && since > DateTimeOffset.MinValue ? since : null,
        Dropped = row.GetInt64("Dropped") ?? 0,
        Version = row.GetInt32("Version") ?? 1,
    };
}
