using System.Text.Json.Nodes;
using FollowUp.Cli.Api;
using FollowUp.Cli.Folder;
using FollowUp.Rules;

namespace FollowUp.Cli.Planning;

/// <summary>
/// Compares a valid folder with what a server holds, both normalized as the API stores them (server-managed fields
/// aside), and orders the writes so that each is one the API accepts at its turn.
/// </summary>
internal static class Planner
{
    /// <param name="folder">The folder, valid.</param>
    /// <param name="server">What the server holds.</param>
    /// <param name="delete">Whether what is on the server and not in the folder is deleted (the default) or kept.</param>
    public static Plan Make(ValidatedFolder folder, ServerContent server, bool delete)
    {
        ArgumentNullException.ThrowIfNull(folder);
        ArgumentNullException.ThrowIfNull(server);
        var changes = new List<PlannedChange>();
        var kept = new List<string>();
        var unchanged =
            Compare(ResourceKind.Rule, folder.Rules.Values.Select(r => (r.Id, InputShape.OfRule(r))), server.Rules.Select(r => (r.Id, r.Version, InputShape.NormalizedRule(r))), FieldDiff.Lines, delete, changes, kept)
            + Compare(ResourceKind.Template, folder.Templates.Values.Select(t => (t.Id, InputShape.OfTemplate(t))), server.Templates.Select(t => (t.Id, t.Version, InputShape.NormalizedTemplate(t))), TemplateDiff.Lines, delete, changes, kept);
        return new Plan(Order(changes, folder), kept, unchanged);
    }

    /// <summary>Adds a change for each one the folder and the server hold differently; returns how many agree.</summary>
    private static int Compare(
        ResourceKind resource,
        IEnumerable<(string Id, JsonObject Shape)> wanted,
        IEnumerable<(string Id, int Version, JsonObject Shape)> stored,
        Func<JsonObject?, JsonObject, IReadOnlyList<string>> diff,
        bool delete,
        List<PlannedChange> changes,
        List<string> kept)
    {
        var onServer = stored.ToDictionary(s => s.Id, StringComparer.Ordinal);
        var inFolder = new HashSet<string>(StringComparer.Ordinal);
        var unchanged = 0;
        foreach (var (id, body) in wanted.OrderBy(w => w.Id, StringComparer.Ordinal))
        {
            inFolder.Add(id);
            if (!onServer.TryGetValue(id, out var current))
            {
                changes.Add(new(ChangeKind.Create, resource, id, null, null, body, diff(null, body)));
            }
            else if (JsonNode.DeepEquals(current.Shape, body))
            {
                unchanged++;
            }
            else
            {
                changes.Add(new(ChangeKind.Change, resource, id, current.Version, current.Shape, body, diff(current.Shape, body)));
            }
        }

        foreach (var (id, version, shape) in onServer.Values.Where(s => !inFolder.Contains(s.Id)).OrderBy(s => s.Id, StringComparer.Ordinal))
        {
            var gone = new PlannedChange(ChangeKind.Delete, resource, id, version, shape, null, []);
            if (delete)
            {
                changes.Add(gone);
            }
            else
            {
                kept.Add(gone.Name);
            }
        }

        return unchanged;
    }

    /// <summary>
    /// The API refuses a template without an unsubscribe link while an enabled feedback or marketing rule sends it,
    /// a rule whose template does not exist, and deleting a template an enabled rule sends. So: rules that go away
    /// first; new templates (nothing sends them yet); the rules that do not wait for a template's new content (their
    /// template is new or as it was, or they need no link), which also lets go of templates they no longer send;
    /// the changed templates; the rules that wait for them; and last the templates no rule sends any more.
    /// </summary>
    private static List<PlannedChange> Order(List<PlannedChange> changes, ValidatedFolder folder)
    {
        var changedTemplates = changes.Where(c => c is { Resource: ResourceKind.Template, Kind: ChangeKind.Change }).Select(c => c.Id).ToHashSet(StringComparer.Ordinal);
        bool WaitsForTemplate(PlannedChange c) =>
            folder.Rules.TryGetValue(c.Id, out var rule) && SaveChecks.NeedsUnsubscribeLink(rule) && changedTemplates.Contains(rule.TemplateId);

        bool Is(PlannedChange c, ResourceKind resource, params ChangeKind[] kinds) => c.Resource == resource && kinds.Contains(c.Kind);

        return
        [
            .. changes.Where(c => Is(c, ResourceKind.Rule, ChangeKind.Delete)),
            .. UsedFirst(changes.Where(c => Is(c, ResourceKind.Template, ChangeKind.Create)), c => c.Body),
            .. changes.Where(c => Is(c, ResourceKind.Rule, ChangeKind.Create, ChangeKind.Change) && !WaitsForTemplate(c)),
            .. Changed(changes.Where(c => Is(c, ResourceKind.Template, ChangeKind.Change)).ToList()),
            .. changes.Where(c => Is(c, ResourceKind.Rule, ChangeKind.Create, ChangeKind.Change) && WaitsForTemplate(c)),
            .. Enumerable.Reverse(UsedFirst(changes.Where(c => Is(c, ResourceKind.Template, ChangeKind.Delete)), c => c.ServerShape)),
        ];
    }

    /// <summary>
    /// Templates with the layout and partials each uses before it, so that each is created after what it needs (and,
    /// reversed, deleted before it): the API refuses a template whose layout or partial does not exist, and deleting one
    /// that is in use.
    /// </summary>
    private static List<PlannedChange> UsedFirst(IEnumerable<PlannedChange> templates, Func<PlannedChange, JsonObject?> shapeOf)
    {
        var pending = templates.ToList();
        var ids = pending.Select(c => c.Id).ToHashSet(StringComparer.Ordinal);
        var placed = new HashSet<string>(StringComparer.Ordinal);
        var ordered = new List<PlannedChange>();
        while (pending.Count > 0)
        {
            // A cycle cannot be saved anyway; placing the rest as they come lets the API name it.
            var ready = pending.Where(c => Uses(shapeOf(c)).All(used => !ids.Contains(used) || placed.Contains(used) || used == c.Id)).ToList();
            foreach (var change in ready.Count > 0 ? ready : pending)
            {
                ordered.Add(change);
                placed.Add(change.Id);
            }

            pending.RemoveAll(change => placed.Contains(change.Id));
        }

        return ordered;
    }

    /// <summary>
    /// Changed templates in an order the API accepts at every step: a layout or partial that gains what its messages
    /// need (the unsubscribe link) before them, the messages, then a layout or partial that gives it up — after the
    /// messages that take it over.
    /// </summary>
    private static List<PlannedChange> Changed(List<PlannedChange> templates)
    {
        bool IsPiece(PlannedChange c) => c.Body?["kind"]?.GetValue<string>() is "layout" or "partial";
        bool GivesUpTheLink(PlannedChange c) => Links(c.ServerShape) && !Links(c.Body);
        return
        [
            .. UsedFirst(templates.Where(c => IsPiece(c) && !GivesUpTheLink(c)), c => c.Body),
            .. templates.Where(c => !IsPiece(c)),
            .. Enumerable.Reverse(UsedFirst(templates.Where(c => IsPiece(c) && GivesUpTheLink(c)), c => c.ServerShape)),
        ];
    }

    private static readonly string[] Bodies = ["html", "text"];

    private static Templates.TemplateSyntax SyntaxOf(JsonObject? shape) =>
        shape?["syntax"]?.GetValue<string>() == "liquid" ? Templates.TemplateSyntax.Liquid : Templates.TemplateSyntax.Scriban;

    private static bool Links(JsonObject? shape)
    {
        var syntax = SyntaxOf(shape);
        return (shape?["locales"] as JsonObject ?? []).Any(locale => Bodies
            .Any(part => Templates.TemplateIncludes.Uses(locale.Value?[part]?.GetValue<string>() ?? string.Empty, syntax, "unsubscribe_url")));
    }

    private static IEnumerable<string> Uses(JsonObject? shape)
    {
        if (shape is null)
        {
            yield break;
        }

        if (shape["layout"]?.GetValue<string>() is { } layout)
        {
            yield return layout;
        }

        var syntax = SyntaxOf(shape);
        foreach (var (_, content) in shape["locales"] as JsonObject ?? [])
        {
            foreach (var part in new[] { "subject", "html", "text" })
            {
                foreach (var used in Templates.TemplateIncludes.In(content?[part]?.GetValue<string>() ?? string.Empty, syntax))
                {
                    yield return used;
                }
            }
        }
    }
}
