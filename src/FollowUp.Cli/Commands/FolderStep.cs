using FollowUp.Cli.Folder;
using FollowUp.Templates;

namespace FollowUp.Cli.Commands;

/// <summary>Reading and validating the folder, as every command but export starts.</summary>
internal static class FolderStep
{
    /// <exception cref="UsageException">The folder holds nothing this tool reads.</exception>
    public static ValidatedFolder Read(string dir)
    {
        // An empty or mistyped --dir would otherwise plan to delete everything on the server.
        if (!FolderReader.HasContent(dir))
        {
            throw new UsageException($"{dir} holds no {string.Join("/, ", TemplateFolders.All.Select(f => f.Folder).Prepend(FolderReader.RulesFolder).SkipLast(1))}/ or {TemplateFolders.All[^1].Folder}/ folder: give the folder with --dir, or start one with followup export");
        }

        return FolderValidator.Validate(FolderReader.Read(dir), new ScriptLimits());
    }

    /// <summary>Prints each problem as file:line:column, in file order.</summary>
    public static async Task ReportAsync(ValidatedFolder folder, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(folder);
        ArgumentNullException.ThrowIfNull(output);
        foreach (var problem in folder.Problems.OrderBy(p => p.File, StringComparer.Ordinal).ThenBy(p => p.Line ?? 0).ThenBy(p => p.Column ?? 0))
        {
            await output.WriteLineAsync(problem.ToString()).ConfigureAwait(false);
        }

        await output.WriteLineAsync(folder.IsValid
            ? $"Valid: {Count(folder.Rules.Count, "rule")} and {Count(folder.Templates.Count, "template")}."
            : $"Not valid: {Count(folder.Problems.Count, "problem")}.").ConfigureAwait(false);
    }

    public static string Count(int n, string thing) => n == 1 ? $"1 {thing}" : $"{n} {thing}s";
}
