using FollowUp.Rules;
using FollowUp.Templates;

namespace FollowUp.Cli.Folder;

/// <summary>A folder checked as the API checks: the rules and templates as they would be saved, and every problem found.</summary>
internal sealed record ValidatedFolder(
    FolderContent Content,
    IReadOnlyDictionary<string, Rule> Rules,
    IReadOnlyDictionary<string, MessageTemplate> Templates,
    IReadOnlyList<FolderProblem> Problems)
{
    public bool IsValid => Problems.Count == 0;
}
