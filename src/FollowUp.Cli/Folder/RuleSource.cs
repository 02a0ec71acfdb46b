using FollowUp.Rules;

namespace FollowUp.Cli.Folder;

/// <summary>A rule file as read: <c>rules/&lt;id&gt;.yaml</c>.</summary>
/// <param name="Id">The file's name without <c>.yaml</c>.</param>
/// <param name="File">The file, relative to the folder's root.</param>
/// <param name="Fields">The file's fields and where each is.</param>
/// <param name="Input">The rule as the API would read the same fields as JSON; null when they do not read.</param>
internal sealed record RuleSource(string Id, string File, YamlFields Fields, RuleInput? Input)
{
    /// <summary>The API's error for a field, put at the field's key in the file.</summary>
    public FolderProblem ProblemFor(string field, string reason)
    {
        var at = field is "id" or "body" ? null : Fields.Locate(field);
        return new FolderProblem(File, at?.Line, at?.Column, field is "body" ? reason : $"{field}: {reason}");
    }
}
