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
public sealed class Suppressions(FollowUpTables tables, TimeProvider time)
{
    /// <summary>How far back each refresh reads again, for log rows written late or by a clock a little behind.</summary>
    private static readonly TimeSpan Overlap = TimeSpan.FromMinutes(5);

    private const string LogPartition = "log";
    private const string KeyProperty = "Key";

    private readonly Lock _gate = new();
    private HashSet<string> _known = new(StringComparer.Ordinal);
    private DateTimeOffset? _readUpTo;
    private Task<SuppressedAddresses>? _reading;

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
                return new SuppressedAddresses(_known);
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
        var found = new List<string>();
        await foreach (var row in tables.Suppressions.QueryAsync<TableEntity>(filter, select: [KeyProperty]).ConfigureAwait(false))
        {
            if (row.GetString(KeyProperty) is { } key)
            {
                found.Add(key);
            }
        }

        lock (_gate)
        {
            if (found.Any(key => !_known.Contains(key)))
            {
                // Copied, not changed in place: a set handed out earlier may be read by sends still running.
                _known = new HashSet<string>(_known.Concat(found), StringComparer.Ordinal);
            }

            _readUpTo = _readUpTo is { } earlier && earlier > now ? earlier : now;
            return new SuppressedAddresses(_known);
        }
    }

    /// <summary>Suppresses the address; false when it already was. Logs it again either way, so a retry after a failure part-way completes it.</summary>
    public async Task<bool> AddAsync(string email, string reason, string messageId, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        var key = Key(email);

        // The log first: it is what every instance reads, so an address in the table is always in the log too.
        await tables.Suppressions.UpsertEntityAsync(new TableEntity(LogPartition, LogRow(time.GetUtcNow(), key)) { [KeyProperty] = key }, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
        var added = true;
        try
        {
            await tables.Suppressions.AddEntityAsync(new TableEntity(key, string.Empty)
            {
                ["Reason"] = reason,
                ["MessageId"] = messageId,
                ["At"] = at,
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            added = false;
        }

        // This instance knows at once; others within a second, when they next read the log.
        lock (_gate)
        {
            if (!_known.Contains(key))
            {
                _known = new HashSet<string>(_known.Append(key), StringComparer.Ordinal);
            }
        }

        return added;
    }

    private static string LogRow(DateTimeOffset at, string key) =>
        at.UtcTicks.ToString("D19", CultureInfo.InvariantCulture) + (key.Length == 0 ? string.Empty : "|" + key);
}
