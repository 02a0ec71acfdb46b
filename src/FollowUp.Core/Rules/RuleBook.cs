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
        var saved = rule with { Version = previous + 1, UpdatedAt = time.GetUtcNow() };
        var entity = new RuleEntity { RowKey = rule.Id, Definition = JsonSerializer.Serialize(saved, FollowUpJson.Options) };
        try
        {
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
        // Only ever raised, so that a slower concurrent delete cannot lower it.
        if (await GetAsync(id, cancellationToken).ConfigureAwait(false) is { } current && current.Version > await DeletedVersionAsync(id, cancellationToken).ConfigureAwait(false))
        {
            await tables.Rules.UpsertEntityAsync(new TableEntity(DeletedPartition, id) { ["Version"] = current.Version }, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
        }

        var response = await tables.Rules.DeleteEntityAsync(RuleEntity.Partition, id, ETag.All, cancellationToken).ConfigureAwait(false);
        Interlocked.Increment(ref _generation);
        _cache = null;
        return response.Status != 404;
    }

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
