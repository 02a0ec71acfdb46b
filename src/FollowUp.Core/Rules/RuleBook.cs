using System.Collections.Concurrent;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using FollowUp.Storage;

namespace FollowUp.Rules;

/// <summary>
/// The rules, read from Table Storage and cached for a few seconds so that ingesting an event costs no rule query;
/// an edit made here is seen at once, one made on another instance within <see cref="CacheFor"/>.
/// </summary>
public sealed class RuleBook(FollowUpTables tables, TimeProvider time)
{
    public static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(5);

    private readonly ConcurrentDictionary<(string Id, int Version), RuleCondition?> _conditions = new();
    private (DateTimeOffset LoadedAt, IReadOnlyDictionary<string, Rule> Rules)? _cache;

    public async Task<IReadOnlyDictionary<string, Rule>> GetAllAsync(CancellationToken cancellationToken = default)
    {
        if (_cache is { } cache && time.GetUtcNow() - cache.LoadedAt < CacheFor)
        {
            return cache.Rules;
        }

        var rules = new Dictionary<string, Rule>(StringComparer.Ordinal);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {RuleEntity.Partition}");
        await foreach (var entity in tables.Rules.QueryAsync<RuleEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            var rule = JsonSerializer.Deserialize<Rule>(entity.Definition, FollowUpJson.Options)!;
            rules[rule.Id] = rule;
        }

        _cache = (time.GetUtcNow(), rules);
        return rules;
    }

    public async Task<Rule?> GetAsync(string id, CancellationToken cancellationToken = default)
    {
        var entity = await tables.Rules.GetEntityIfExistsAsync<RuleEntity>(RuleEntity.Partition, id, cancellationToken: cancellationToken).ConfigureAwait(false);
        return entity.HasValue ? JsonSerializer.Deserialize<Rule>(entity.Value!.Definition, FollowUpJson.Options) : null;
    }

    /// <summary>Saves a rule as the next version. With <paramref name="expectedVersion"/>, fails with 412 if someone saved in between.</summary>
    /// <returns>The saved rule, and whether it was created.</returns>
    public async Task<(Rule Rule, bool Created)> SaveAsync(Rule rule, int? expectedVersion, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rule);
        var existing = await tables.Rules.GetEntityIfExistsAsync<RuleEntity>(RuleEntity.Partition, rule.Id, cancellationToken: cancellationToken).ConfigureAwait(false);
        var current = existing.HasValue ? JsonSerializer.Deserialize<Rule>(existing.Value!.Definition, FollowUpJson.Options) : null;
        if (expectedVersion is not null && expectedVersion != (current?.Version ?? 0))
        {
            throw new RequestFailedException(412, $"Rule '{rule.Id}' is at version {current?.Version ?? 0}, not {expectedVersion}.");
        }

        var saved = rule with { Version = (current?.Version ?? 0) + 1, UpdatedAt = time.GetUtcNow() };
        var entity = new RuleEntity { RowKey = rule.Id, Definition = JsonSerializer.Serialize(saved, FollowUpJson.Options) };
        if (existing.HasValue)
        {
            await tables.Rules.UpdateEntityAsync(entity, existing.Value!.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await tables.Rules.AddEntityAsync(entity, cancellationToken).ConfigureAwait(false);
        }

        _cache = null;
        return (saved, !existing.HasValue);
    }

    public async Task<bool> DeleteAsync(string id, CancellationToken cancellationToken = default)
    {
        var response = await tables.Rules.DeleteEntityAsync(RuleEntity.Partition, id, ETag.All, cancellationToken).ConfigureAwait(false);
        _cache = null;
        return response.Status != 404;
    }

    /// <summary>The rule's compiled condition, or null when it has none. Compiled once per rule version.</summary>
    public RuleCondition? ConditionOf(Rule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        return _conditions.GetOrAdd((rule.Id, rule.Version), _ =>
            string.IsNullOrWhiteSpace(rule.Condition)
                ? null
                : RuleCondition.Compile(rule.Condition, out var error) ?? throw new InvalidOperationException($"Rule '{rule.Id}' has a condition that does not parse: {error}"));
    }
}
