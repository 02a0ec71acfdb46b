using System.Globalization;
using Azure;
using Azure.Data.Tables;
using FollowUp.Storage;

namespace FollowUp.Messages;

/// <summary>
/// The owner of the Suppressions table: addresses that must not get mail. Keyed by the lower-cased address, so case
/// never lets a message through. Each suppression is also logged in time order (partition <c>log</c>), so that a
/// dispatcher keeps the whole list in memory and brings it up to date with one read per batch of sends, instead of
/// one read per mail. A removal is logged too; what people did by hand is kept beside the address's row
/// (<c>history|{ticks}</c> in its partition), written in one transaction with the change itself.
/// </summary>
/// <remarks>
/// Adding and removing race only through the address's row, under its ETag: an add that finds the row touches it
/// (so a removal that read it before fails), and an add that finds no row logs again after writing it (so the log's
/// last word is the add). A refresh that sees a recent removal reads the row itself, so that what every instance
/// holds in memory ends up as the table says, whatever order the clocks of two instances put the log in.
/// </remarks>
public sealed class Suppressions(FollowUpTables tables, TimeProvider time, Microsoft.Extensions.Options.IOptions<FollowUpOptions> options)
{
    /// <summary>The key of the addresses kept as hashes: derived from the signing key, so that a hash says nothing without it.</summary>
    private readonly byte[] _hashKey = System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes("followup-suppression|" + options.Value.SigningKey));

    /// <summary>How far back each refresh reads again, for log rows written late or by a clock a little behind.</summary>
    private static readonly TimeSpan Overlap = TimeSpan.FromMinutes(5);

    private static readonly System.Buffers.SearchValues<char> LowerHex = System.Buffers.SearchValues.Create("0123456789abcdef");

    private const string LogPartition = "log";
    private const string KeyProperty = "Key";
    private const string ScopeProperty = "Scope";
    private const string RemovedProperty = "Removed";
    private const string HistoryPrefix = "history|";
    private const string ErasedReason = "kept as a keyed hash of the address: its customer was erased";

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

    /// <summary>Whether <paramref name="key"/> is an address kept as a keyed hash (<c>h_</c> and 64 hex digits) rather than an address's key.</summary>
    public static bool IsHashedKey(string? key) =>
        key is { Length: 66 } && key.StartsWith("h_", StringComparison.Ordinal) && !key.AsSpan(2).ContainsAnyExcept(LowerHex);

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
    /// Keeps the address's suppression only as its keyed hash: the row, its history and its log entries under the
    /// address go, a row and log entry under the hash take their place, with the same scope and source (not the words
    /// a person wrote, which may name the customer). False when the address was not suppressed.
    /// </summary>
    public async Task<bool> KeepAsHashAsync(string email, CancellationToken cancellationToken = default)
    {
        var plain = Key(email);
        var hashed = HashedKey(email);
        var rows = await PartitionAsync(plain, cancellationToken).ConfigureAwait(false);
        var found = rows.Find(row => row.RowKey.Length == 0);
        if (rows.Count == 0)
        {
            return await ScopeOfAsync(email, cancellationToken).ConfigureAwait(false) is not null;
        }

        if (found is not null)
        {
            var scope = ScopeOf(found);
            var kept = await tables.Suppressions.GetEntityIfExistsAsync<TableEntity>(hashed, string.Empty, ["PartitionKey", ScopeProperty], cancellationToken).ConfigureAwait(false);
            if (kept.HasValue && ScopeOf(kept.Value!) > scope)
            {
                scope = ScopeOf(kept.Value!);
            }

            var now = time.GetUtcNow();
            await tables.Suppressions.UpsertEntityAsync(new TableEntity(LogPartition, LogRow(now, hashed)) { [KeyProperty] = hashed, [ScopeProperty] = scope.ToString() }, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
            var row = new TableEntity(hashed, string.Empty)
            {
                ["Reason"] = ErasedReason,
                ["At"] = found.GetDateTimeOffset("At") ?? now,
                [ScopeProperty] = scope.ToString(),
                [nameof(SuppressionSource)] = SourceOf(found).ToString(),
            };
            if (found.GetString("MessageId") is { Length: > 0 } messageId)
            {
                row["MessageId"] = messageId;
            }

            await tables.Suppressions.UpsertEntityAsync(row, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
            lock (_gate)
            {
                _known = Widen(_known, [(hashed, scope)]);
                _anyHashed = true;
            }
        }

        // Only then the address goes, so that it is never unsuppressed in between; its removals' log entries and its
        // history name it too.
        var logged = new List<TableEntity>();
        await foreach (var row in tables.Suppressions.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {LogPartition} and Key eq {plain}"), select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            logged.Add(row);
        }

        foreach (var row in logged.Concat(rows.Where(row => row.RowKey.Length > 0)))
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

        return found is not null || await ScopeOfAsync(email, cancellationToken).ConfigureAwait(false) is not null;
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

    // A row written before suppressions kept their source says so.
    private static SuppressionSource SourceOf(TableEntity row) =>
        Enum.TryParse<SuppressionSource>(row.GetString(nameof(SuppressionSource)), out var source) ? source : SuppressionSource.Unknown;

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
    /// ones only what was logged since (one read, and one more per address removed lately), or nothing when the last
    /// read is recent enough. Check an address with <see cref="SuppressedAddresses.Contains"/>.
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

        // In the log's order, so that an address added, removed and added again ends up added.
        var found = new List<(string Key, UnsubscribeScope Scope, bool Removed)>();
        var recentlyRemoved = new HashSet<string>(StringComparer.Ordinal);
        var recent = LogRow(now - Overlap, string.Empty);
        await foreach (var row in tables.Suppressions.QueryAsync<TableEntity>(filter, select: [KeyProperty, ScopeProperty, RemovedProperty]).ConfigureAwait(false))
        {
            if (row.GetString(KeyProperty) is { } key)
            {
                var removed = row.GetBoolean(RemovedProperty) == true;
                found.Add((key, ScopeOf(row), removed));
                if (removed && string.CompareOrdinal(row.RowKey, recent) >= 0)
                {
                    recentlyRemoved.Add(key);
                }
            }
        }

        // A recent removal may have raced an unsubscribe whose log entry a clock a little behind put before it: the
        // row, which both changed under its ETag, says how it ended.
        var rows = new Dictionary<string, UnsubscribeScope?>(StringComparer.Ordinal);
        foreach (var key in recentlyRemoved)
        {
            var row = await tables.Suppressions.GetEntityIfExistsAsync<TableEntity>(key, string.Empty, ["PartitionKey", ScopeProperty]).ConfigureAwait(false);
            rows[key] = row.HasValue ? ScopeOf(row.Value!) : null;
        }

        lock (_gate)
        {
            var known = _known;
            foreach (var (key, scope, removed) in found)
            {
                if (removed)
                {
                    known = Without(known, key);
                }
                else
                {
                    known = Widen(known, [(key, scope)]);
                }
            }

            foreach (var (key, scope) in rows)
            {
                known = Without(known, key);
                if (scope is { } stands)
                {
                    known = Widen(known, [(key, stands)]);
                }
            }

            _known = known;
            _anyHashed |= found.Exists(f => IsHashedKey(f.Key));

            _readUpTo = _readUpTo is { } earlier && earlier > now ? earlier : now;
            return new SuppressedAddresses(_known, _anyHashed ? HashedKey : null);
        }
    }

    private static Dictionary<string, UnsubscribeScope> Without(Dictionary<string, UnsubscribeScope> known, string key)
    {
        if (!known.ContainsKey(key))
        {
            return known;
        }

        var copy = new Dictionary<string, UnsubscribeScope>(known, StringComparer.Ordinal);
        copy.Remove(key);
        return copy;
    }

    /// <summary>
    /// Suppresses the address for <paramref name="scope"/>, widening what it had; false when it already stopped that
    /// much. Logs it again either way, so a retry after a failure part-way completes it.
    /// </summary>
    /// <returns>Whether it stops more than before, and what it stops now (never less than before).</returns>
    public async Task<(bool Widened, UnsubscribeScope Stops)> AddAsync(string email, string reason, string? messageId, DateTimeOffset at, UnsubscribeScope scope = UnsubscribeScope.Everything, SuppressionSource source = SuppressionSource.Unknown, CancellationToken cancellationToken = default)
    {
        var (_, widened, stops) = await SuppressAsync(email, reason, messageId, at, scope, source, by: null, cancellationToken).ConfigureAwait(false);
        return (widened, stops);
    }

    /// <summary>
    /// A person puts the address on the list through the API: like an unsubscribe, it only ever widens what the address
    /// stopped, and what it changed goes into the address's history with the key's name and the reason.
    /// </summary>
    /// <returns>Whether the address was not on the list before, and the suppression as it stands.</returns>
    public async Task<(bool Created, SuppressedAddress Suppression)> AddByHandAsync(string email, UnsubscribeScope scope, string reason, string by, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(by);
        var (created, _, _) = await SuppressAsync(email, reason, null, time.GetUtcNow(), scope, SuppressionSource.Manual, by, cancellationToken).ConfigureAwait(false);
        return (created, await GetAsync(Key(email), cancellationToken).ConfigureAwait(false) ?? throw new InvalidOperationException("A suppression just written is gone."));
    }

    private async Task<(bool Created, bool Widened, UnsubscribeScope Stops)> SuppressAsync(string email, string reason, string? messageId, DateTimeOffset at, UnsubscribeScope scope, SuppressionSource source, string? by, CancellationToken cancellationToken)
    {
        var key = Key(email);

        // The log first: it is what every instance reads, so an address in the table is always in the log too.
        await LogAsync(key, scope, removed: false, cancellationToken).ConfigureAwait(false);
        var row = new TableEntity(key, string.Empty)
        {
            ["Reason"] = reason,
            ["At"] = at,
            [ScopeProperty] = scope.ToString(),
            [nameof(SuppressionSource)] = source.ToString(),
        };
        if (messageId is not null)
        {
            row["MessageId"] = messageId;
        }

        if (by is not null)
        {
            row["By"] = by;
        }

        var added = true;
        var created = false;
        var effective = scope;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var existing = await tables.Suppressions.GetEntityIfExistsAsync<TableEntity>(key, string.Empty, cancellationToken: cancellationToken).ConfigureAwait(false);
                if (!existing.HasValue)
                {
                    await WriteAsync(new TableTransactionAction(TableTransactionActionType.Add, row), by, reason, scope, at, cancellationToken).ConfigureAwait(false);
                    created = true;
                }
                else if (ScopeOf(existing.Value!) < scope)
                {
                    await WriteAsync(new TableTransactionAction(TableTransactionActionType.UpdateReplace, row, existing.Value!.ETag), by, reason, scope, at, cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    // Touched, unchanged: a removal that read the row before this unsubscribe now fails, and the
                    // address stays suppressed rather than be removed from under it.
                    await tables.Suppressions.UpdateEntityAsync(new TableEntity(key, string.Empty), existing.Value!.ETag, TableUpdateMode.Merge, cancellationToken).ConfigureAwait(false);
                    added = false;
                    effective = ScopeOf(existing.Value!);
                }

                break;
            }
            catch (RequestFailedException ex) when (ex.Status is 404 or 409 or 412 && attempt < 5)
            {
                // Someone else unsubscribed (or removed) the address at the same moment: read what they wrote.
            }
        }

        if (created)
        {
            // A removal may have logged after this add's first entry and deleted the row before this one wrote it:
            // logged again, the add is the log's last word, as it is the table's.
            await LogAsync(key, scope, removed: false, cancellationToken).ConfigureAwait(false);
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

        return (created, added, effective);
    }

    /// <summary>The row's change, with the history entry of a change made by hand in the same transaction.</summary>
    private async Task WriteAsync(TableTransactionAction change, string? by, string reason, UnsubscribeScope scope, DateTimeOffset at, CancellationToken cancellationToken)
    {
        if (by is null)
        {
            if (change.ActionType == TableTransactionActionType.Add)
            {
                await tables.Suppressions.AddEntityAsync(change.Entity, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await tables.Suppressions.UpdateEntityAsync(change.Entity, change.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
            }

            return;
        }

        var entry = HistoryRow(change.Entity.PartitionKey, new SuppressionChange { At = at, Action = SuppressionAction.Added, By = by, Reason = reason, Scope = scope });
        await tables.Suppressions.SubmitTransactionAsync([change, new TableTransactionAction(TableTransactionActionType.UpsertReplace, entry)], cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Takes the address (or hash) under <paramref name="key"/> off the list: logged first, so that every instance's
    /// list drops it on its next refresh, then the row deleted under the ETag read, with the removal in its history in
    /// the same transaction. An unsubscribe or bounce that suppressed it again meanwhile wins.
    /// </summary>
    public async Task<(SuppressionRemoval Outcome, SuppressedAddress? Suppression)> RemoveAsync(string key, string? reason, string by, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(by);
        var found = await tables.Suppressions.GetEntityIfExistsAsync<TableEntity>(key, string.Empty, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (!found.HasValue)
        {
            return (SuppressionRemoval.NotFound, await GetAsync(key, cancellationToken).ConfigureAwait(false));
        }

        var row = found.Value!;
        await LogAsync(key, ScopeOf(row), removed: true, cancellationToken).ConfigureAwait(false);
        var entry = HistoryRow(key, new SuppressionChange
        {
            At = time.GetUtcNow(),
            Action = SuppressionAction.Removed,
            By = by,
            Reason = reason,
            Scope = ScopeOf(row),
            Source = SourceOf(row),
            MessageId = row.GetString("MessageId"),
        });
        try
        {
            await tables.Suppressions.SubmitTransactionAsync(
                [new TableTransactionAction(TableTransactionActionType.Delete, row, row.ETag), new TableTransactionAction(TableTransactionActionType.UpsertReplace, entry)],
                cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (ex.Status is 404 or 412)
        {
            // Changed since it was read: the log must end with what the table holds now.
            var now = await tables.Suppressions.GetEntityIfExistsAsync<TableEntity>(key, string.Empty, ["PartitionKey", ScopeProperty], cancellationToken).ConfigureAwait(false);
            if (!now.HasValue)
            {
                return (SuppressionRemoval.NotFound, await GetAsync(key, cancellationToken).ConfigureAwait(false));
            }

            await LogAsync(key, ScopeOf(now.Value!), removed: false, cancellationToken).ConfigureAwait(false);
            return (SuppressionRemoval.SuppressedAgain, await GetAsync(key, cancellationToken).ConfigureAwait(false));
        }

        lock (_gate)
        {
            _known = Without(_known, key);
        }

        return (SuppressionRemoval.Removed, await GetAsync(key, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>The suppression under <paramref name="key"/> with its history; null when there is neither.</summary>
    public async Task<SuppressedAddress?> GetAsync(string key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        var rows = await PartitionAsync(key, cancellationToken).ConfigureAwait(false);
        if (rows.Count == 0)
        {
            return null;
        }

        var history = rows.Where(row => row.RowKey.StartsWith(HistoryPrefix, StringComparison.Ordinal))
            .OrderByDescending(row => row.RowKey, StringComparer.Ordinal)
            .Select(ChangeOf)
            .ToList();
        var current = rows.Find(row => row.RowKey.Length == 0);
        return current is null
            ? Blank(key) with { Suppressed = false, History = history }
            : From(current) with { History = history };
    }

    /// <summary>
    /// One page of the suppressions whose key starts with <paramref name="prefix"/> (an address, or the start of one,
    /// lower-cased; empty for all), in the order of the keys.
    /// </summary>
    public async Task<SuppressionPage> ListAsync(string prefix, int limit, string? continuationToken, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        var start = TableKey.Encode(prefix.Trim().ToLowerInvariant());

        // The log and the histories have row keys; a suppression's row has none.
        var filter = start.Length == 0
            ? TableClient.CreateQueryFilter($"RowKey eq {string.Empty}")
            : TableClient.CreateQueryFilter($"PartitionKey ge {start} and PartitionKey lt {After(start)} and RowKey eq {string.Empty}");
        await foreach (var page in tables.Suppressions.QueryAsync<TableEntity>(filter, maxPerPage: limit, cancellationToken: cancellationToken).AsPages(continuationToken, limit).ConfigureAwait(false))
        {
            return new SuppressionPage([.. page.Values.Select(From)], page.ContinuationToken);
        }

        return new SuppressionPage([], null);
    }

    /// <summary>The first key after every key that starts with <paramref name="prefix"/> (an encoded key ends in a letter, digit or safe sign, never in the last character).</summary>
    private static string After(string prefix) => prefix[..^1] + (char)(prefix[^1] + 1);

    private async Task<List<TableEntity>> PartitionAsync(string key, CancellationToken cancellationToken)
    {
        var rows = new List<TableEntity>();
        await foreach (var row in tables.Suppressions.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {key}"), cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            rows.Add(row);
        }

        return rows;
    }

    private static SuppressedAddress Blank(string key)
    {
        var hashed = IsHashedKey(key);
        var address = hashed ? null : TableKey.Decode(key);
        return new SuppressedAddress { Key = address ?? key, Address = address, ErasedCustomer = hashed };
    }

    private static SuppressedAddress From(TableEntity row) => Blank(row.PartitionKey) with
    {
        Scope = ScopeOf(row),
        Source = SourceOf(row),
        Reason = row.GetString("Reason"),
        At = row.GetDateTimeOffset("At"),
        By = row.GetString("By"),
        MessageId = row.GetString("MessageId") is { Length: > 0 } id ? id : null,
    };

    private static TableEntity HistoryRow(string key, SuppressionChange change)
    {
        // Two changes in one tick (a clock that did not move) keep an entry each.
        var row = new TableEntity(key, HistoryPrefix + change.At.UtcTicks.ToString("D19", CultureInfo.InvariantCulture) + "|" + Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(4)))
        {
            ["At"] = change.At,
            ["Action"] = change.Action.ToString(),
            ["By"] = change.By,
        };
        if (change.Reason is not null)
        {
            row["Reason"] = change.Reason;
        }

        if (change.Scope is { } scope)
        {
            row[ScopeProperty] = scope.ToString();
        }

        if (change.Source is { } source)
        {
            row[nameof(SuppressionSource)] = source.ToString();
        }

        if (change.MessageId is { Length: > 0 } messageId)
        {
            row["MessageId"] = messageId;
        }

        return row;
    }

    private static SuppressionChange ChangeOf(TableEntity row) => new()
    {
        At = row.GetDateTimeOffset("At") ?? default,
        Action = Enum.TryParse<SuppressionAction>(row.GetString("Action"), out var action) ? action : SuppressionAction.Added,
        By = row.GetString("By") ?? SavedBy.Unknown,
        Reason = row.GetString("Reason"),
        Scope = Enum.TryParse<UnsubscribeScope>(row.GetString(ScopeProperty), out var scope) ? scope : null,
        Source = Enum.TryParse<SuppressionSource>(row.GetString(nameof(SuppressionSource)), out var source) ? source : null,
        MessageId = row.GetString("MessageId"),
    };

    private async Task LogAsync(string key, UnsubscribeScope scope, bool removed, CancellationToken cancellationToken)
    {
        var row = new TableEntity(LogPartition, LogRow(time.GetUtcNow(), key)) { [KeyProperty] = key, [ScopeProperty] = scope.ToString() };
        if (removed)
        {
            row[RemovedProperty] = true;
        }

        await tables.Suppressions.UpsertEntityAsync(row, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
    }

    private static string LogRow(DateTimeOffset at, string key) =>
        at.UtcTicks.ToString("D19", CultureInfo.InvariantCulture) + (key.Length == 0 ? string.Empty : "|" + key);
}
