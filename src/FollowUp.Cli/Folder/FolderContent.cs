namespace FollowUp.Cli.Folder;

/// <summary>Everything read from a folder, and what could not be read.</summary>
internal sealed record FolderContent(IReadOnlyList<RuleSource> Rules, IReadOnlyList<TemplateSource> Templates, IReadOnlyList<FolderProblem> Problems);
