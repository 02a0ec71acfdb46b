namespace FollowUp.Cli.Folder;

/// <summary>
/// The folders templates live in, each read and written the same way: messages, layouts and partials. A folder's kind
/// is the value of the template's <c>kind</c> field the folder stands for: the reader sets it, export picks the folder
/// by it, and template.yaml does not repeat it.
/// </summary>
internal static class TemplateFolders
{
    public const string KindField = "kind";

    public static IReadOnlyList<(string Folder, string? Kind)> All { get; } =
    [
        ("templates", "message"),
        ("layouts", "layout"),
        ("partials", "partial"),
    ];

    public static string FolderOf(string? kind) =>
        All.FirstOrDefault(f => f.Kind == kind).Folder ?? throw new InvalidOperationException($"No folder is mapped for templates of kind '{kind}' (see TemplateFolders).");
}
