namespace FollowUp.Cli.Folder;

/// <summary>
/// The folders templates live in, each read and written the same way. A folder's kind is the value of the template's
/// <c>kind</c> field the folder stands for: the reader sets it, export picks the folder by it, and template.yaml does
/// not repeat it. Core does not know layouts and partials yet: once its TemplateInput has a <c>kind</c>, each is one
/// line here, e.g. <c>("layouts", "layout")</c> (and if Core writes the kind of a plain template too, it replaces the
/// null below).
/// </summary>
internal static class TemplateFolders
{
    public const string KindField = "kind";

    public static IReadOnlyList<(string Folder, string? Kind)> All { get; } =
    [
        ("templates", null),
    ];

    /// <summary>Kept for template kinds to come, so that no one uses them for something else meanwhile.</summary>
    public static IReadOnlyList<string> Reserved { get; } = ["layouts", "partials"];

    public static string FolderOf(string? kind) =>
        All.FirstOrDefault(f => f.Kind == kind).Folder ?? throw new InvalidOperationException($"No folder is mapped for templates of kind '{kind}' (see TemplateFolders).");
}
