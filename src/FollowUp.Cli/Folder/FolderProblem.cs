namespace FollowUp.Cli.Folder;

/// <summary>
/// One thing wrong in the folder, where it is: <c>rules/thank-you.yaml:4:3: delay: ...</c>, the form compilers use,
/// so that editors and CI annotations jump to it.
/// </summary>
/// <param name="File">The file (or folder) relative to the folder's root, with '/'.</param>
/// <param name="Line">1-based; null when the problem is the whole file (a missing field, a missing file).</param>
/// <param name="Column">1-based; null with <paramref name="Line"/>.</param>
/// <param name="Message">What is wrong, usually <c>field: reason</c> as the API says it.</param>
internal sealed record FolderProblem(string File, int? Line, int? Column, string Message)
{
    public override string ToString() =>
        Line is { } line ? $"{File}:{line}:{Column ?? 1}: {Message}" : $"{File}: {Message}";
}
