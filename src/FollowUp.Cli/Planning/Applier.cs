using System.Text.Json;
using System.Text.Json.Nodes;
using FollowUp.Cli.Api;
using FollowUp.Cli.Folder;
using FollowUp.Rules;
using FollowUp.Templates;

namespace FollowUp.Cli.Planning;

/// <summary>
/// Makes a plan's writes in its order, each conditional on the version the plan read, and stops at the first the
/// server refuses, naming what changed underneath; what was written before stays (the API has no transaction across
/// rules and templates), so running plan again shows where things are.
/// </summary>
internal static class Applier
{
    /// <returns>Whether every change was made.</returns>
    public static async Task<bool> ApplyAsync(Plan plan, FollowUpApi api, TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(api);
        ArgumentNullException.ThrowIfNull(output);
        for (var i = 0; i < plan.Changes.Count; i++)
        {
            var change = plan.Changes[i];
            try
            {
                await output.WriteLineAsync($"  {await MakeAsync(change, api, cancellationToken).ConfigureAwait(false)}").ConfigureAwait(false);
            }
            catch (ApiException ex)
            {
                var reason = ex.IsConflict ? await ChangedUnderneathAsync(change, api, cancellationToken).ConfigureAwait(false) : ex.Message;
                await output.WriteLineAsync($"  FAILED {change.Name}: {reason}").ConfigureAwait(false);
                var rest = plan.Changes.Skip(i + 1).Select(c => c.Name).ToList();
                await output.WriteLineAsync(rest.Count == 0
                    ? "Everything before it was applied."
                    : $"Everything before it was applied; not applied: {string.Join(", ", rest)}.").ConfigureAwait(false);
                if (ex.IsAccessProblem)
                {
                    throw;
                }

                return false;
            }
        }

        return true;
    }

    private static async Task<string> MakeAsync(PlannedChange change, FollowUpApi api, CancellationToken cancellationToken)
    {
        switch (change.Kind)
        {
            case ChangeKind.Create:
                return $"created {change.Name} (v{await api.PutAsync(change.Resource, change.Id, change.Body!, null, cancellationToken).ConfigureAwait(false)})";
            case ChangeKind.Change:
                return $"changed {change.Name} (v{change.ServerVersion} → v{await api.PutAsync(change.Resource, change.Id, change.Body!, change.ServerVersion, cancellationToken).ConfigureAwait(false)})";
            default:
                // DELETE takes no If-Match: the version is read just before, so that a change made since the plan
                // is not deleted unseen (a change in the moment between the two reads is not caught).
                var current = await api.GetAsync(change.Resource, change.Id, cancellationToken).ConfigureAwait(false);
                if (current?["version"]?.GetValue<int>() != change.ServerVersion)
                {
                    throw new ApiException(412, "changed since the plan read it");
                }

                await api.DeleteAsync(change.Resource, change.Id, cancellationToken).ConfigureAwait(false);
                return $"deleted {change.Name} (was v{change.ServerVersion})";
        }
    }

    /// <summary>What happened to it on the server since the plan read it, field by field.</summary>
    private static async Task<string> ChangedUnderneathAsync(PlannedChange change, FollowUpApi api, CancellationToken cancellationToken)
    {
        const string Again = "Run plan again to see the server as it is now.";
        var current = await api.GetAsync(change.Resource, change.Id, cancellationToken).ConfigureAwait(false);
        var version = current?["version"]?.GetValue<int>();
        if (change.ServerShape is null)
        {
            return $"it was created on the server by someone else after the plan read it (now v{version}). {Again}";
        }

        if (current is null)
        {
            return $"it was deleted on the server after the plan read it (v{change.ServerVersion}). {Again}";
        }

        var fields = FieldDiff.Names(change.ServerShape, Normalized(change.Resource, current));
        var what = fields.Count == 0 ? "nothing you would see in the folder" : string.Join(", ", fields.Distinct(StringComparer.Ordinal));
        return $"it was changed on the server after the plan read it (v{change.ServerVersion} then, v{version} now; changed: {what}). {Again}";
    }

    private static JsonObject Normalized(ResourceKind resource, JsonObject stored) =>
        resource == ResourceKind.Rule
            ? InputShape.NormalizedRule(stored.Deserialize<Rule>(FollowUpJson.Options)!)
            : InputShape.NormalizedTemplate(stored.Deserialize<MessageTemplate>(FollowUpJson.Options)!);
}
