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
        var unchanged = 0;

        var serverTemplates = server.Templates.ToDictionary(t => t.Id, StringComparer.Ordinal);
        foreach (var template in folder.Templates.Values.OrderBy(t => t.Id, StringComparer.Ordinal))
        {
            var body = InputShape.OfTemplate(template);
            if (!serverTemplates.TryGetValue(template.Id, out var stored))
            {
                changes.Add(new(ChangeKind.Create, ResourceKind.Template, template.Id, null, null, body, TemplateDiff.Lines(null, body)));
                continue;
            }

            var current = InputShape.NormalizedTemplate(stored);
            if (JsonNode.DeepEquals(current, body))
            {
                unchanged++;
            }
            else
            {
                changes.Add(new(ChangeKind.Change, ResourceKind.Template, template.Id, stored.Version, current, body, TemplateDiff.Lines(current, body)));
            }
        }

        var serverRules = server.Rules.ToDictionary(r => r.Id, StringComparer.Ordinal);
        foreach (var rule in folder.Rules.Values.OrderBy(r => r.Id, StringComparer.Ordinal))
        {
            var body = InputShape.OfRule(rule);
            if (!serverRules.TryGetValue(rule.Id, out var stored))
            {
                changes.Add(new(ChangeKind.Create, ResourceKind.Rule, rule.Id, null, null, body, FieldDiff.Lines(null, body)));
                continue;
            }

            var current = InputShape.NormalizedRule(stored);
            if (JsonNode.DeepEquals(current, body))
            {
                unchanged++;
            }
            else
            {
                changes.Add(new(ChangeKind.Change, ResourceKind.Rule, rule.Id, stored.Version, current, body, FieldDiff.Lines(current, body)));
            }
        }

        foreach (var rule in server.Rules.Where(r => !folder.Rules.ContainsKey(r.Id)).OrderBy(r => r.Id, StringComparer.Ordinal))
        {
            Gone(ResourceKind.Rule, rule.Id, rule.Version, InputShape.NormalizedRule(rule));
        }

        foreach (var template in server.Templates.Where(t => !folder.Templates.ContainsKey(t.Id)).OrderBy(t => t.Id, StringComparer.Ordinal))
        {
            Gone(ResourceKind.Template, template.Id, template.Version, InputShape.NormalizedTemplate(template));
        }

        return new Plan(Order(changes, folder), kept, unchanged);

        void Gone(ResourceKind resource, string id, int version, JsonObject shape)
        {
            var change = new PlannedChange(ChangeKind.Delete, resource, id, version, shape, null, []);
            if (delete)
            {
                changes.Add(change);
            }
            else
            {
                kept.Add(change.Name);
            }
        }
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
            .. changes.Where(c => Is(c, ResourceKind.Template, ChangeKind.Create)),
            .. changes.Where(c => Is(c, ResourceKind.Rule, ChangeKind.Create, ChangeKind.Change) && !WaitsForTemplate(c)),
            .. changes.Where(c => Is(c, ResourceKind.Template, ChangeKind.Change)),
            .. changes.Where(c => Is(c, ResourceKind.Rule, ChangeKind.Create, ChangeKind.Change) && WaitsForTemplate(c)),
            .. changes.Where(c => Is(c, ResourceKind.Template, ChangeKind.Delete)),
        ];
    }
}
