using System.Collections.Concurrent;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using FollowUp.Storage;

namespace FollowUp.Rules;

/// <summary>
/// The owner of the Rules table. Rules are read from Table Storage and cached for a few seconds so that ingesting
/// an event costs no rule query; an edit made here is seen at once, one made on another instance within
/// <see cref="CacheFor"/>.
/// </summary>
public sealed class RuleBook(FollowUpTables tables, TimeProvider time)
{
    public static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(5);
    private const int MaxCachedConditions = 1_000;

    /// <summary>Where the last version of each deleted rule is remembered.</summary>
    private const string DeletedPartition = "deleted-rule";

    // Keyed by the condition's text, never by rule id and version: a rule deleted and created again starts at
    // version 1 with a different condition, and must never get the old one's compiled form.
    private readonly ConcurrentDictionary<string, RuleCondition> _conditions = new(StringComparer.Ordinal);
    private (DateTimeOffset LoadedAt, IReadOnlyDictionary<string, Rule> Rules, IReadOnlyDictionary<string, int> Deleted)? _cache;

    // Bumped by every edit here, so that a read that began before the edit never stores what it read as fresh.
    private int _generation;

    public async Task<IReadOnlyDictionary<string, Rule>> GetAllAsync(CancellationToken cancellationToken = default) =>
        (await LoadAsync(cancellationToken).ConfigureAwait(false)).Rules;

    /// <summary>The last version of each deleted rule: a message scheduled by that version or an earlier one belongs to a rule that is gone.</summary>
    public async Task<IReadOnlyDictionary<string, int>> GetDeletedAsync(CancellationToken cancellationToken = default) =>
        (await LoadAsync(cancellationToken).ConfigureAwait(false)).Deleted;

    private async Task<(DateTimeOffset LoadedAt, IReadOnlyDictionary<string, Rule> Rules, IReadOnlyDictionary<string, int> Deleted)> LoadAsync(CancellationToken cancellationToken)
    {
        if (_cache is { } cache && time.GetUtcNow() - cache.LoadedAt < CacheFor)
        {
            return cache;
        }

        var generation = Volatile.Read(ref _generation);
        var rules = new Dictionary<string, Rule>(StringComparer.Ordinal);
        var deleted = new Dictionary<string, int>(StringComparer.Ordinal);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {RuleEntity.Partition} or PartitionKey eq {DeletedPartition}");
        await foreach (var entity in tables.Rules.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (entity.PartitionKey == DeletedPartition)
            {
                deleted[entity.RowKey] = entity.GetInt32("Version") ?? 0;
                continue;
            }

            var rule = JsonSerializer.Deserialize<Rule>(entity.GetString(nameof(RuleEntity.Definition)) ?? "{}", FollowUpJson.Options)!;
            rules[rule.Id] = rule;
        }

        var loaded = (time.GetUtcNow(), (IReadOnlyDictionary<string, Rule>)rules, (IReadOnlyDictionary<string, int>)deleted);
        if (generation == Volatile.Read(ref _generation))
        {
            _cache = loaded;
        }

        return loaded;
    }

    public async Task<Rule?> GetAsync(string id, CancellationToken cancellationToken = default)
    {
        var entity = await tables.Rules.GetEntityIfExistsAsync<RuleEntity>(RuleEntity.Partition, id, cancellationToken: cancellationToken).ConfigureAwait(false);
        return entity.HasValue ? JsonSerializer.Deserialize<Rule>(entity.Value!.Definition, FollowUpJson.Options) : null;
    }

    /// <summary>Saves a rule as the next version.</summary>
    /// <param name="rule">The rule.</param>
    /// <param name="expectedVersion">null: whatever is stored; 0: only if none is; n: only if version n is.</param>
    /// <param name="mustExist">Only if one is stored (<c>If-Match: *</c>).</param>
    /// <param name="cancellationToken">Cancels the storage calls.</param>
    /// <returns>The saved rule, and whether it was created.</returns>
    /// <exception cref="EditConflictException">The precondition does not hold, or a concurrent edit won.</exception>
    public async Task<(Rule Rule, bool Created)> SaveAsync(Rule rule, int? expectedVersion, bool mustExist = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rule);
        var what = $"Rule '{rule.Id}'";
        var existing = await tables.Rules.GetEntityIfExistsAsync<RuleEntity>(RuleEntity.Partition, rule.Id, cancellationToken: cancellationToken).ConfigureAwait(false);
        var current = existing.HasValue ? JsonSerializer.Deserialize<Rule>(existing.Value!.Definition, FollowUpJson.Options) : null;
        EditConflictException.ThrowIfUnmet(what, current?.Version ?? 0, expectedVersion, mustExist);

        // A rule created again after a delete goes on from the deleted one's version, so an ETag read before the
        // delete ("v1") can never match the new rule.
        var previous = current?.Version ?? await DeletedVersionAsync(rule.Id, cancellationToken).ConfigureAwait(false);
        var saved = rule with { Version = previous + 1, UpdatedAt = time.GetUtcNow(), UpdatedBy = rule.UpdatedBy ?? SavedBy.Unknown, Warnings = null };
        var entity = new RuleEntity { RowKey = rule.Id, Definition = JsonSerializer.Serialize(saved, FollowUpJson.Options) };
        try
        {
            if (existing.HasValue)
            {
                await KeepAsync(rule.Id, current!.Version, existing.Value!.Definition, cancellationToken).ConfigureAwait(false);
            }

            if (existing.HasValue)
            {
                await tables.Rules.UpdateEntityAsync(entity, existing.Value!.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await tables.Rules.AddEntityAsync(entity, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (RequestFailedException ex) when (ex.Status is 409 or 412 or 404)
        {
            throw new EditConflictException(ex.Status == 409 ? 409 : 412, current?.Version ?? 0, ex.Status == 409
                ? $"{what} was created by someone else at the same moment; read it and try again."
                : $"{what} was changed by someone else at the same moment; read it and try again.");
        }

        Interlocked.Increment(ref _generation);
        _cache = null;
        return (saved, !existing.HasValue);
    }

    public async Task<bool> DeleteAsync(string id, CancellationToken cancellationToken = default)
    {
        // The version read is kept, then deleted only while it is still the current one: a save that lands in between
        // is read, kept and deleted in its turn, so no version is ever removed without being kept.
        for (var attempt = 1; ; attempt++)
        {
            var stored = await tables.Rules.GetEntityIfExistsAsync<RuleEntity>(RuleEntity.Partition, id, cancellationToken: cancellationToken).ConfigureAwait(false);
            if (!stored.HasValue)
            {
                return false;
            }

            var current = JsonSerializer.Deserialize<Rule>(stored.Value!.Definition, FollowUpJson.Options)!;
            await KeepAsync(id, current.Version, stored.Value.Definition, cancellationToken).ConfigureAwait(false);

            // Only ever raised, so that a slower concurrent delete cannot lower it.
            if (current.Version > await DeletedVersionAsync(id, cancellationToken).ConfigureAwait(false))
            {
                await tables.Rules.UpsertEntityAsync(new TableEntity(DeletedPartition, id) { ["Version"] = current.Version }, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
            }

            try
            {
                await tables.Rules.DeleteEntityAsync(RuleEntity.Partition, id, stored.Value.ETag, cancellationToken).ConfigureAwait(false);
                Interlocked.Increment(ref _generation);
                _cache = null;
                return true;
            }
            catch (RequestFailedException ex) when (ex.Status is 404 or 412 && attempt < 5)
            {
                // Saved or deleted meanwhile: read it again.
            }
        }
    }

    /// <summary>Every version of the rule kept, newest first (the current one among them); empty when there never was one.</summary>
    /// <remarks>Versions saved before versions were kept (FollowUp 0.x) are not there: the history starts at the first save after.</remarks>
    public async Task<IReadOnlyList<Rule>> ListVersionsAsync(string id, CancellationToken cancellationToken = default)
    {
        var versions = new Dictionary<int, Rule>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {HistoryPartition(id)}");
        await foreach (var row in tables.Rules.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            var version = JsonSerializer.Deserialize<Rule>(row.GetString(nameof(RuleEntity.Definition)) ?? "{}", FollowUpJson.Options)!;
            versions[version.Version] = version;
        }

        if (await GetAsync(id, cancellationToken).ConfigureAwait(false) is { } current)
        {
            versions[current.Version] = current;
        }

        return versions.Values.OrderByDescending(rule => rule.Version).ToList();
    }

    /// <summary>Version <paramref name="version"/> of the rule as it was saved, or null when it is not kept.</summary>
    public async Task<Rule?> GetVersionAsync(string id, int version, CancellationToken cancellationToken = default)
    {
        var kept = await tables.Rules.GetEntityIfExistsAsync<TableEntity>(HistoryPartition(id), VersionRow(version), cancellationToken: cancellationToken).ConfigureAwait(false);
        if (kept.HasValue)
        {
            return JsonSerializer.Deserialize<Rule>(kept.Value!.GetString(nameof(RuleEntity.Definition)) ?? "{}", FollowUpJson.Options);
        }

        return await GetAsync(id, cancellationToken).ConfigureAwait(false) is { } current && current.Version == version ? current : null;
    }

    /// <summary>
    /// Keeps the version about to be replaced or deleted, before it is. Written again by a save that then loses to a
    /// concurrent one, it is the same version with the same content, so a version row never changes once written.
    /// </summary>
    private async Task KeepAsync(string id, int version, string definition, CancellationToken cancellationToken) =>
        await tables.Rules.UpsertEntityAsync(
            new TableEntity(HistoryPartition(id), VersionRow(version)) { [nameof(RuleEntity.Definition)] = definition },
            TableUpdateMode.Replace,
            cancellationToken).ConfigureAwait(false);

    private static string HistoryPartition(string id) => "version|" + id;

    private static string VersionRow(int version) => version.ToString("D10", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The last version of the rule when it was deleted, read now; 0 when it never was.</summary>
    public async Task<int> DeletedVersionAsync(string id, CancellationToken cancellationToken = default)
    {
        var deleted = await tables.Rules.GetEntityIfExistsAsync<TableEntity>(DeletedPartition, id, cancellationToken: cancellationToken).ConfigureAwait(false);
        return deleted.HasValue ? deleted.Value!.GetInt32("Version") ?? 0 : 0;
    }

    /// <summary>The rule's compiled condition, or null when it has none.</summary>
    public RuleCondition? ConditionOf(Rule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        if (string.IsNullOrWhiteSpace(rule.Condition))
        {
            return null;
        }

        if (_conditions.Count > MaxCachedConditions)
        {
            _conditions.Clear();
        }

        return _conditions.GetOrAdd(rule.Condition, text =>
            RuleCondition.Compile(text, out var error) ?? throw new InvalidOperationException($"Rule '{rule.Id}' has a condition that does not parse: {error}"));
    }
}
