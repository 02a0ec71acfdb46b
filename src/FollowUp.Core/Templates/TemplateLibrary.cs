using System.Collections.Concurrent;
using Azure;
using Azure.Data.Tables;
using FollowUp.Storage;

namespace FollowUp.Templates;

/// <summary>
/// Templates in Table Storage: one partition per template, a "meta" row and one row per locale, replaced together in
/// one transaction so that a reader never sees half an edit. Reads for sending are cached for a few seconds.
/// </summary>
public sealed class TemplateLibrary(FollowUpTables tables, TimeProvider time)
{
    public static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(5);

    private const string MetaRow = "meta";
    private const string LocalePrefix = "locale|";

    /// <summary>What a deleted template leaves: its last version, so that one made again under its id goes on from it.</summary>
    private const string DeletedRow = "deleted";

    /// <summary>
    /// Kept versions' rows start with this (<c>version|0000000003|meta</c>, <c>version|0000000003|locale|nb</c>); every
    /// current row (meta, locale|…, deleted) sorts before it, so "the template now" is one range of its partition.
    /// </summary>
    private const string HistoryPrefix = "version|";
    private const string HistoryEnd = "version}";

    private static readonly string[] KeptColumns = ["Description", "Syntax", "Kind", "Layout", "Version", "UpdatedAt", "UpdatedBy", "RestoredFrom", "Subject", "Html", "Text"];

    private readonly ConcurrentDictionary<string, (DateTimeOffset LoadedAt, MessageTemplate? Template)> _cache = new(StringComparer.Ordinal);

    private readonly ConcurrentDictionary<string, Lazy<Task<MessageTemplate?>>> _loading = new(StringComparer.Ordinal);

    // Bumped by every save here, so that a read that began before the save never stores what it read as fresh.
    private int _generation;

    public async Task<IReadOnlyList<MessageTemplate>> ListAsync(CancellationToken cancellationToken = default)
    {
        var rows = new List<TableEntity>();
        await foreach (var row in tables.Templates.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"RowKey lt {HistoryPrefix}"), cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            rows.Add(row);
        }

        return rows.GroupBy(row => row.PartitionKey, StringComparer.Ordinal)
            .Select(group => Assemble(group.ToList()))
            .OfType<MessageTemplate>()
            .OrderBy(template => template.Id, StringComparer.Ordinal)
            .ToList();
    }

    public async Task<MessageTemplate?> GetAsync(string id, CancellationToken cancellationToken = default)
    {
        var generation = Volatile.Read(ref _generation);
        var rows = new List<TableEntity>();
        var filter = CurrentRows(id);
        await foreach (var row in tables.Templates.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            rows.Add(row);
        }

        var template = Assemble(rows);
        if (generation == Volatile.Read(ref _generation))
        {
            _cache[id] = (time.GetUtcNow(), template);
        }

        return template;
    }

    /// <summary>
    /// The template as the dispatcher should use it: at most <see cref="CacheFor"/> old. Sends running side by side
    /// that find it missing wait for one read rather than each making their own.
    /// </summary>
    public async Task<MessageTemplate?> GetForSendingAsync(string id, CancellationToken cancellationToken = default)
    {
        if (_cache.TryGetValue(id, out var cached) && time.GetUtcNow() - cached.LoadedAt < CacheFor)
        {
            return cached.Template;
        }

        var load = _loading.GetOrAdd(id, key => new Lazy<Task<MessageTemplate?>>(() => GetAsync(key, CancellationToken.None)));
        try
        {
            return await load.Value.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _loading.TryRemove(new KeyValuePair<string, Lazy<Task<MessageTemplate?>>>(id, load));
        }
    }

    /// <summary>Deletes the template (all its locales, in one transaction); false when there is none.</summary>
    public async Task<bool> DeleteAsync(string id, CancellationToken cancellationToken = default)
    {
        var rows = new List<TableEntity>();
        await foreach (var row in tables.Templates.QueryAsync<TableEntity>(CurrentRows(id), cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            rows.Add(row);
        }

        if (rows.Find(row => row.RowKey == MetaRow) is not { } meta)
        {
            return false;
        }

        await KeepAsync(rows, cancellationToken).ConfigureAwait(false);
        var actions = rows.Where(row => row.RowKey != DeletedRow).Select(row => new TableTransactionAction(TableTransactionActionType.Delete, row, row == meta ? meta.ETag : ETag.All)).ToList();
        actions.Add(new(TableTransactionActionType.UpsertReplace, new TableEntity(id, DeletedRow) { ["Version"] = meta.GetInt32("Version") ?? 0 }));
        try
        {
            await tables.Templates.SubmitTransactionAsync(actions, cancellationToken).ConfigureAwait(false);
        }
        catch (TableTransactionFailedException ex) when (ex.Status is 404 or 412)
        {
            throw new EditConflictException(412, meta.GetInt32("Version") ?? 0, $"Template '{id}' was changed by someone else at the same moment; read it and try again.");
        }

        Interlocked.Increment(ref _generation);
        _cache.TryRemove(id, out _);
        return true;
    }

    public async Task<bool> ExistsAsync(string id, CancellationToken cancellationToken = default) =>
        (await tables.Templates.GetEntityIfExistsAsync<TableEntity>(id, MetaRow, ["PartitionKey"], cancellationToken).ConfigureAwait(false)).HasValue;

    /// <summary>Saves a template as the next version; its locales are replaced together in one transaction.</summary>
    /// <param name="template">The template.</param>
    /// <param name="expectedVersion">null: whatever is stored; 0: only if none is; n: only if version n is.</param>
    /// <param name="mustExist">Only if one is stored (<c>If-Match: *</c>).</param>
    /// <param name="cancellationToken">Cancels the storage calls.</param>
    /// <exception cref="EditConflictException">The precondition does not hold, or a concurrent edit won.</exception>
    public async Task<(MessageTemplate Template, bool Created)> SaveAsync(MessageTemplate template, int? expectedVersion, bool mustExist = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(template);
        var rows = new List<TableEntity>();
        var filter = CurrentRows(template.Id);
        await foreach (var row in tables.Templates.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            rows.Add(row);
        }

        var meta = rows.Find(row => row.RowKey == MetaRow);
        var deleted = rows.Find(row => row.RowKey == DeletedRow);
        var currentVersion = meta?.GetInt32("Version") ?? 0;
        var what = $"Template '{template.Id}'";
        EditConflictException.ThrowIfUnmet(what, meta is null ? 0 : currentVersion, expectedVersion, mustExist);

        // Made again after a delete, it goes on from the deleted one's version, so that an ETag read before the delete
        // ("v1") never matches the new template.
        var previous = meta is null ? deleted?.GetInt32("Version") ?? 0 : currentVersion;
        var saved = template with { Version = previous + 1, UpdatedAt = time.GetUtcNow(), UpdatedBy = template.UpdatedBy ?? SavedBy.Unknown, Warnings = null };
        var actions = new List<TableTransactionAction>
        {
            new(meta is null ? TableTransactionActionType.Add : TableTransactionActionType.UpdateReplace, new TableEntity(template.Id, MetaRow)
            {
                ["Description"] = saved.Description,
                ["Syntax"] = saved.Syntax.ToString(),
                ["Kind"] = saved.Kind == TemplateKind.Message ? null : saved.Kind.ToString(),
                ["Layout"] = saved.Layout,
                ["Version"] = saved.Version,
                ["UpdatedAt"] = saved.UpdatedAt,
                ["UpdatedBy"] = saved.UpdatedBy,
                ["RestoredFrom"] = saved.RestoredFrom,
            }, meta?.ETag ?? default),
        };
        foreach (var (locale, content) in saved.Locales)
        {
            actions.Add(new(TableTransactionActionType.UpsertReplace, new TableEntity(template.Id, LocalePrefix + locale)
            {
                ["Subject"] = content.Subject,
                ["Html"] = content.Html,
                ["Text"] = content.Text,
            }));
        }

        foreach (var stale in rows.Where(row => row.RowKey.StartsWith(LocalePrefix, StringComparison.Ordinal) && !saved.Locales.ContainsKey(row.RowKey[LocalePrefix.Length..])))
        {
            actions.Add(new(TableTransactionActionType.Delete, stale, ETag.All));
        }

        if (deleted is not null)
        {
            actions.Add(new(TableTransactionActionType.Delete, deleted, deleted.ETag));
        }

        if (meta is not null)
        {
            await KeepAsync(rows, cancellationToken).ConfigureAwait(false);
        }

        try
        {
            await tables.Templates.SubmitTransactionAsync(actions, cancellationToken).ConfigureAwait(false);
        }
        catch (TableTransactionFailedException ex) when (ex.Status is 409 or 412 or 404)
        {
            throw new EditConflictException(ex.Status == 409 ? 409 : 412, currentVersion, ex.Status == 409
                ? $"{what} was created by someone else at the same moment; read it and try again."
                : $"{what} was changed by someone else at the same moment; read it and try again.");
        }

        Interlocked.Increment(ref _generation);
        _cache.TryRemove(template.Id, out _);
        return (saved, meta is null);
    }

    /// <summary>Every version of the template kept, newest first (the current one among them), without their locales' content.</summary>
    /// <remarks>Versions saved before versions were kept are not there: the history starts at the first save after.</remarks>
    public async Task<IReadOnlyList<MessageTemplate>> ListVersionsAsync(string id, CancellationToken cancellationToken = default)
    {
        var versions = new Dictionary<int, MessageTemplate>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {id} and RowKey ge {HistoryPrefix} and RowKey lt {HistoryEnd}");
        var heads = tables.Templates.QueryAsync<TableEntity>(filter, select: ["PartitionKey", "RowKey", "Description", "Syntax", "Kind", "Layout", "Version", "UpdatedAt", "UpdatedBy", "RestoredFrom"], cancellationToken: cancellationToken);
        await foreach (var row in heads.ConfigureAwait(false))
        {
            if (row.RowKey.EndsWith("|" + MetaRow, StringComparison.Ordinal) && Assemble([row], row.RowKey[..^MetaRow.Length]) is { } version)
            {
                versions[version.Version] = version;
            }
        }

        if (await GetAsync(id, cancellationToken).ConfigureAwait(false) is { } current)
        {
            versions[current.Version] = current with { Locales = new Dictionary<string, TemplateContent>() };
        }

        return versions.Values.OrderByDescending(template => template.Version).ToList();
    }

    /// <summary>Version <paramref name="version"/> of the template as it was saved, or null when it is not kept.</summary>
    public async Task<MessageTemplate?> GetVersionAsync(string id, int version, CancellationToken cancellationToken = default)
    {
        var prefix = VersionPrefix(version);
        var rows = new List<TableEntity>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {id} and RowKey ge {prefix} and RowKey lt {prefix[..^1] + "}"}");
        await foreach (var row in tables.Templates.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            rows.Add(row);
        }

        if (Assemble(rows, prefix) is { } kept)
        {
            return kept;
        }

        return await GetAsync(id, cancellationToken).ConfigureAwait(false) is { } current && current.Version == version ? current : null;
    }

    /// <summary>
    /// Keeps the version about to be replaced or deleted (its current rows, under <c>version|n|</c>), in one
    /// transaction, before it is. Written again by a save that then loses to a concurrent one, it is the same version
    /// with the same content, so kept rows never change once written.
    /// </summary>
    private async Task KeepAsync(List<TableEntity> current, CancellationToken cancellationToken)
    {
        if (current.Find(row => row.RowKey == MetaRow) is not { } meta)
        {
            return;
        }

        var prefix = VersionPrefix(meta.GetInt32("Version") ?? 1);
        var kept = current.Where(row => row.RowKey == MetaRow || row.RowKey.StartsWith(LocalePrefix, StringComparison.Ordinal))
            .Select(row =>
            {
                var copy = new TableEntity(row.PartitionKey, prefix + row.RowKey);
                foreach (var name in KeptColumns)
                {
                    if (row.TryGetValue(name, out var value) && value is not null)
                    {
                        copy[name] = value;
                    }
                }

                return new TableTransactionAction(TableTransactionActionType.UpsertReplace, copy);
            })
            .ToList();
        await tables.Templates.SubmitTransactionAsync(kept, cancellationToken).ConfigureAwait(false);
    }

    private static string CurrentRows(string id) => TableClient.CreateQueryFilter($"PartitionKey eq {id} and RowKey lt {HistoryPrefix}");

    private static string VersionPrefix(int version) => HistoryPrefix + version.ToString("D10", System.Globalization.CultureInfo.InvariantCulture) + "|";

    private static MessageTemplate? Assemble(List<TableEntity> rows, string prefix = "")
    {
        var meta = rows.Find(row => row.RowKey == prefix + MetaRow);
        if (meta is null)
        {
            return null;
        }

        var locales = rows.Where(row => row.RowKey.StartsWith(prefix + LocalePrefix, StringComparison.Ordinal))
            .ToDictionary(
                row => row.RowKey[(prefix.Length + LocalePrefix.Length)..],
                row => new TemplateContent(row.GetString("Subject"), row.GetString("Html"), row.GetString("Text")),
                StringComparer.OrdinalIgnoreCase);
        return new MessageTemplate
        {
            Id = meta.PartitionKey,
            Description = meta.GetString("Description"),
            Syntax = Enum.Parse<TemplateSyntax>(meta.GetString("Syntax")),
            Kind = meta.GetString("Kind") is { } kind ? Enum.Parse<TemplateKind>(kind) : TemplateKind.Message,
            Layout = meta.GetString("Layout"),
            Locales = locales,
            Version = meta.GetInt32("Version") ?? 1,
            UpdatedAt = meta.GetDateTimeOffset("UpdatedAt"),
            UpdatedBy = meta.GetString("UpdatedBy"),
            RestoredFrom = meta.GetInt32("RestoredFrom"),
        };
    }
}
