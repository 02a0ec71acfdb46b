using FollowUp.Cli.Planning;

namespace FollowUp.Cli.Commands;

/// <summary>A plan as a person reads it in a terminal or a pull request: one block per write, its difference indented.</summary>
internal static class PlanReport
{
    public static async Task WriteAsync(Plan plan, Uri url, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(output);
        foreach (var change in plan.Changes)
        {
            var (sign, verb) = change.Kind switch
            {
                ChangeKind.Create => ('+', "create"),
                ChangeKind.Change => ('~', "change"),
                _ => ('-', "delete"),
            };
            var version = change.ServerVersion is { } v ? $" (server v{v})" : string.Empty;
            await output.WriteLineAsync($"{sign} {verb} {change.Name}{version}").ConfigureAwait(false);
            foreach (var line in change.Details)
            {
                await output.WriteLineAsync("    " + line).ConfigureAwait(false);
            }
        }

        if (plan.Kept.Count > 0)
        {
            await output.WriteLineAsync($"Kept (on the server, not in the folder; --no-delete): {string.Join(", ", plan.Kept)}").ConfigureAwait(false);
        }

        if (plan.Changes.Count == 0)
        {
            await output.WriteLineAsync($"No changes. {url} holds what the folder says ({plan.Unchanged} rules and templates).").ConfigureAwait(false);
            return;
        }

        await output.WriteLineAsync($"Plan: {plan.Count(ChangeKind.Create)} to create, {plan.Count(ChangeKind.Change)} to change, {plan.Count(ChangeKind.Delete)} to delete.").ConfigureAwait(false);
    }
}
