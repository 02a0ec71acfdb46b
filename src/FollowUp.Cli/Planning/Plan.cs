namespace FollowUp.Cli.Planning;

/// <summary>The writes that make the server hold what the folder says, in the order they can be made.</summary>
/// <param name="Changes">The writes, in order.</param>
/// <param name="Kept">Rules and templates on the server that are not in the folder and stay (<c>--no-delete</c>).</param>
/// <param name="Unchanged">How many rules and templates already agree.</param>
internal sealed record Plan(IReadOnlyList<PlannedChange> Changes, IReadOnlyList<string> Kept, int Unchanged)
{
    public int Count(ChangeKind kind) => Changes.Count(c => c.Kind == kind);
}
