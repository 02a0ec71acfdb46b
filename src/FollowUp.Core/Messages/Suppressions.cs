using System.Globalization;
using Azure;
using Azure.Data.Tables;
using FollowUp.Storage;

namespace FollowUp.Messages;

/// <summary>
/// The owner of the Suppressions table: addresses that must not get mail. Keyed by the lower-cased address, so case
/// never lets a message through. Each suppression is also logged in time order (partition <c>log</c>), so that a
/// dispatcher keeps the whole list in memory and brings it up to date with one read per batch of sends, instead of
/// one read per mail.
/// </summary>
public sealed class Suppressions(FollowUpTables tables, TimeProvider time, Microsoft.Extensions.Options.IOptions<FollowUpOptions> options)
{
    /// <summary>The key of the addresses kept as hashes: derived from the signing key, so that a hash says nothing without it.</summary>
    private readonly byte[] _hashKey = System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes("followup-suppression|" + options.Value.SigningKey));

    /// <summary>How far back each refresh reads again, for log rows written late or by a clock a little behind.</summary>
    private static readonly TimeSpan Overlap = TimeSpan.FromMinutes(5);

    private const string LogPartition = "log";
    private const string KeyProperty = "Key";
    private const string ScopeProperty = "Scope";

    private readonly Lock _gate = new();
    private Dictionary<string, UnsubscribeScope> _known = new(StringComparer.Ordinal);

    // Whether any address is kept as a hash: only then does a lookup hash the address it checks.
    private bool _anyHashed;
    private DateTimeOffset? _readUpTo;
    private Task<SuppressedAddresses>? _reading;

    public static string Key(string email)
    {
        ArgumentNullException.ThrowIfNull(email);
        return TableKey.Encode(email.Trim().ToLowerInvariant());
    }

    /// <summary>
    /// The row key of an address kept as a keyed hash (<c>h_</c> and hex; a plain key always holds the encoded '@'):
    /// what is left of a suppression when its customer is erased, so that the address stays unsubscribed.
    /// </summary>
    public string HashedKey(string email)
    {
        ArgumentNullException.ThrowIfNull(email);
        return "h_" + Convert.ToHexStringLower(System.Security.Cryptography.HMACSHA256.HashData(_hashKey, System.Text.Encoding.UTF8.GetBytes(email.Trim().ToLowerInvariant())));
    }

    private static bool IsHashed(string key) => key.StartsWith("h_", StringComparison.Ordinal);

    public async Task<bool> IsSuppressedAsync(string email, CancellationToken cancellationToken = default) =>
        await ScopeOfAsync(email, cancellationToken).ConfigureAwait(false) is not null;

    /// <summary>What the address unsubscribed from, read now; null when it did not.</summary>
    public async Task<UnsubscribeScope?> ScopeOfAsync(string email, CancellationToken cancellationToken = default)
    {
        // The wider of the two: an address kept as a hash may have unsubscribed again, from less, under its own name.
        UnsubscribeScope? widest = null;
        foreach (var key in new[] { Key(email), HashedKey(email) })
        {
            var entity = await tables.Suppressions.GetEntityIfExistsAsync<TableEntity>(key, string.Empty, ["PartitionKey", ScopeProperty], cancellationToken).ConfigureAwait(false);
            if (entity.HasValue && (widest is null || ScopeOf(entity.Value!) > widest))
            {
                widest = ScopeOf(entity.Value!);
            }
        }

        return widest;
    }

    /// <summary>
    /// Keeps the address's suppression only as its keyed hash: the row and its log entries under the address go, a row
    /// and log entry under the hash take their place, with the same scope. False when the address was not suppressed.
    /// </summary>
    public async Task<bool> KeepAsHashAsync(string email, CancellationToken cancellationToken = default)
    {
        var plain = Key(email);
        var hashed = HashedKey(email);
        var found = await tables.Suppressions.GetEntityIfExistsAsync<TableEntity>(plain, string.Empty, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (!found.HasValue)
        {
            return await ScopeOfAsync(email, cancellationToken).ConfigureAwait(false) is not null;
        }

        var scope = ScopeOf(found.Value!);
        var kept = await tables.Suppressions.GetEntityIfExistsAsync<TableEntity>(hashed, string.Empty, ["PartitionKey", ScopeProperty], cancellationToken).ConfigureAwait(false);
        if (kept.HasValue && ScopeOf(kept.Value!) > scope)
        {
            scope = ScopeOf(kept.Value!);
        }

        var now = time.GetUtcNow();
        await tables.Suppressions.UpsertEntityAsync(new TableEntity(LogPartition, LogRow(now, hashed)) { [KeyProperty] = hashed, [ScopeProperty] = scope.ToString() }, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
        await tables.Suppressions.UpsertEntityAsync(new TableEntity(hashed, string.Empty) { ["Reason"] = "kept as a keyed hash of the address: its customer was erased", ["At"] = now, [ScopeProperty] = scope.ToString() }, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
        lock (_gate)
        {
            _known = Widen(_known, [(hashed, scope)]);
            _anyHashed = true;
        }

        // Only then the address goes, so that it is never unsuppressed in between.
        var logged = new List<TableEntity>();
        await foreach (var row in tables.Suppressions.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {LogPartition} and Key eq {plain}"), select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            logged.Add(row);
        }

        foreach (var row in logged)
        {
            await DeleteIfThereAsync(row.PartitionKey, row.RowKey, cancellationToken).ConfigureAwait(false);
        }

        await DeleteIfThereAsync(plain, string.Empty, cancellationToken).ConfigureAwait(false);
        lock (_gate)
        {
            var known = new Dictionary<string, UnsubscribeScope>(_known, StringComparer.Ordinal);
            known.Remove(plain);
            _known = known;
        }

        return true;
    }

    private async Task DeleteIfThereAsync(string partition, string row, CancellationToken cancellationToken)
    {
        try
        {
            await tables.Suppressions.DeleteEntityAsync(partition, row, ETag.All, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
        }
    }

    /// <summary>Whether an unsubscribe from <paramref name="scope"/> stops a message of <paramref name="category"/>.</summary>
    public static bool Stops(UnsubscribeScope? scope, Rules.MessageCategory category) => scope switch
    {
        null => false,
        UnsubscribeScope.Everything => true,
        UnsubscribeScope.MarketingAndFeedback => category != Rules.MessageCategory.Service,
        _ => category == Rules.MessageCategory.Marketing,
    };

    /// <summary>What a scope stops, in the ledger's words.</summary>
    public static string Words(UnsubscribeScope scope) => scope switch
    {
        UnsubscribeScope.Marketing => "marketing",
        UnsubscribeScope.MarketingAndFeedback => "marketing and feedback",
        _ => "everything",
    };

    /// <summary>The narrowest scope that stops <paramref name="category"/>.</summary>
    public static UnsubscribeScope Covering(Rules.MessageCategory category) => category switch
    {
        Rules.MessageCategory.Marketing => UnsubscribeScope.Marketing,
        Rules.MessageCategory.Feedback => UnsubscribeScope.MarketingAndFeedback,
        _ => UnsubscribeScope.Everything,
    };

    // A row written before unsubscribes had a scope stopped everything.
    private static UnsubscribeScope ScopeOf(TableEntity row) =>
        Enum.TryParse<UnsubscribeScope>(row.GetString(ScopeProperty), out var scope) ? scope : UnsubscribeScope.Everything;

    private static Dictionary<string, UnsubscribeScope> Widen(Dictionary<string, UnsubscribeScope> known, IEnumerable<(string Key, UnsubscribeScope Scope)> found)
    {
        Dictionary<string, UnsubscribeScope>? copy = null;
        foreach (var (key, scope) in found)
        {
            if (known.TryGetValue(key, out var had) && had >= scope)
            {
                continue;
            }

            // Copied, not changed in place: a set handed out earlier may be read by sends still running.
            copy ??= new Dictionary<string, UnsubscribeScope>(known, StringComparer.Ordinal);
            copy[key] = copy.TryGetValue(key, out var earlier) && earlier > scope ? earlier : scope;
        }

        return copy ?? known;
    }

    /// <summary>
    /// The suppressed addresses as of at most <paramref name="maxAge"/> ago: the first call reads the whole log, later
    /// ones only what was logged since (one read), or nothing when the last read is recent enough. Check an address
    /// with <see cref="SuppressedAddresses.Contains"/>.
    /// </summary>
    public async Task<SuppressedAddresses> CurrentAsync(TimeSpan maxAge, CancellationToken cancellationToken = default)
    {
        Task<SuppressedAddresses> reading;
        lock (_gate)
        {
            if (_readUpTo is { } read && time.GetUtcNow() - read < maxAge)
            {
                return new SuppressedAddresses(_known, _anyHashed ? HashedKey : null);
            }

            // Sends side by side that find the list stale wait for one read rather than each making their own.
            if (_reading is null || _reading.IsCompleted)
            {
                _reading = ReadLogAsync(_readUpTo - Overlap);
            }

            reading = _reading;
        }

        return await reading.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task<SuppressedAddresses> ReadLogAsync(DateTimeOffset? from)
    {
        var now = time.GetUtcNow();
        var filter = from is { } since
            ? TableClient.CreateQueryFilter($"PartitionKey eq {LogPartition} and RowKey ge {LogRow(since, string.Empty)}")
            : TableClient.CreateQueryFilter($"PartitionKey eq {LogPartition}");
        var found = new List<(string Key, UnsubscribeScope Scope)>();
        await foreach (var row in tables.Suppressions.QueryAsync<TableEntity>(filter, select: [KeyProperty, ScopeProperty]).ConfigureAwait(false))
        {
            if (row.GetString(KeyProperty) is { } key)
            {
                found.Add((key, ScopeOf(row)));
            }
        }

        lock (_gate)
        {
            _known = Widen(_known, found);
            _anyHashed |= found.Exists(f => IsHashed(f.Key));

            _readUpTo = _readUpTo is { } earlier && earlier > now ? earlier : now;
            return new SuppressedAddresses(_known, _anyHashed ? HashedKey : null);
        }
    }

    /// <summary>
    /// Suppresses the address for <paramref name="scope"/>, widening what it had; false when it already stopped that
    /// much. Logs it again either way, so a retry after a failure part-way completes it.
    /// </summary>
    /// <returns>Whether it stops more than before, and what it stops now (never less than before).</returns>
    public async Task<(bool Widened, UnsubscribeScope Stops)> AddAsync(string email, string reason, string messageId, DateTimeOffset at, UnsubscribeScope scope = UnsubscribeScope.Everything, CancellationToken cancellationToken = default)
    {
        var key = Key(email);

        // The log first: it is what every instance reads, so an address in the table is always in the log too.
        await tables.Suppressions.UpsertEntityAsync(new TableEntity(LogPartition, LogRow(time.GetUtcNow(), key)) { [KeyProperty] = key, [ScopeProperty] = scope.ToString() }, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
        var row = new TableEntity(key, string.Empty)
        {
            ["Reason"] = reason,
            ["MessageId"] = messageId,
            ["At"] = at,
            [ScopeProperty] = scope.ToString(),
        };
        var added = true;
        var effective = scope;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var existing = await tables.Suppressions.GetEntityIfExistsAsync<TableEntity>(key, string.Empty, cancellationToken: cancellationToken).ConfigureAwait(false);
                if (!existing.HasValue)
                {
                    await tables.Suppressions.AddEntityAsync(row, cancellationToken).ConfigureAwait(false);
                }
                else if (ScopeOf(existing.Value!) < scope)
                {
                    await tables.Suppressions.UpdateEntityAsync(row, existing.Value!.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    added = false;
                    effective = ScopeOf(existing.Value!);
                }

                break;
            }
            catch (RequestFailedException ex) when (ex.Status is 409 or 412 && attempt < 5)
            {
                // Someone else unsubscribed the address at the same moment: read what they wrote and widen it.
            }
        }

        // This instance knows at once; others within a second, when they next read the log.
        lock (_gate)
        {
            _known = Widen(_known, [(key, effective)]);
        }

        // Kept as a hash from before an erasure, it may stop more than this choice.
        var hashedScope = await tables.Suppressions.GetEntityIfExistsAsync<TableEntity>(HashedKey(email), string.Empty, ["PartitionKey", ScopeProperty], cancellationToken).ConfigureAwait(false);
        if (hashedScope.HasValue)
        {
            var kept = ScopeOf(hashedScope.Value!);
            added = added && scope > kept;
            effective = kept > effective ? kept : effective;
        }

        return (added, effective);
    }

    private static string LogRow(DateTimeOffset at, string key) =>
        at.UtcTicks.ToString("D19", CultureInfo.InvariantCulture) + (key.Length == 0 ? string.Empty : "|" + key);
}
