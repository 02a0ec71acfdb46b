using System.Text.RegularExpressions;

namespace FollowUp.Core.Tests;

/// <summary>
/// The core's feature folders depend one way: each folder may use only the folders before it in <see cref="Layers"/>.
/// A knot (Events ↔ Messages ↔ Dispatch) is what made a message's life have three owners; this keeps it untied.
/// </summary>
public partial class FolderDependencyTests
{
    private static readonly string[] Layers =
    [
        "Telemetry", "Validation", "Calendar", "Storage", "Links", "Sending", "Events", "Customers", "Templates", "Rules",
        "Messages", "Reports", "Webhooks", "Alerts", "Feed", "Privacy", "Ingest", "Replay", "Dispatch", "Responses", "Defaults", "Health", "Http", "OpenApi", "WebConsole",
    ];

    [Fact]
    public void CoreFolders_UseOnlyFoldersBeneathThem()
    {
        var core = Path.Combine(RepositoryRoot(), "src", "FollowUp.Core");
        var violations = new List<string>();
        var folders = Directory.GetDirectories(core).Select(Path.GetFileName).Where(f => f is not ("bin" or "obj")).ToList();
        Assert.Equal(folders.Order(StringComparer.Ordinal), Layers.Order(StringComparer.Ordinal));
        foreach (var folder in Layers)
        {
            var allowed = Layers.TakeWhile(layer => layer != folder).ToHashSet(StringComparer.Ordinal);
            foreach (var file in Directory.GetFiles(Path.Combine(core, folder), "*.cs", SearchOption.AllDirectories))
            {
                var text = File.ReadAllText(file);
                var used = Using().Matches(text).Select(m => m.Groups[1].Value)
                    .Concat(Qualified().Matches(text).Select(m => m.Groups[1].Value))
                    .Where(name => Layers.Contains(name) && name != folder)
                    .Distinct(StringComparer.Ordinal);
                violations.AddRange(used.Where(name => !allowed.Contains(name)).Select(name => $"{folder}/{Path.GetFileName(file)} uses {name}"));
            }
        }

        Assert.Empty(violations);
    }

    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "FollowUp.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException("FollowUp.sln not found above the test assembly.");
    }

    [GeneratedRegex(@"^using FollowUp\.(\w+)", RegexOptions.Multiline)]
    private static partial Regex Using();

    // Names such as Events.SubjectKind or FollowUp.Events.EventParser used without a using directive.
    [GeneratedRegex(@"(?<![\w.""])(?:FollowUp\.)?(\w+)\.[A-Z]\w*\.", RegexOptions.None)]
    private static partial Regex Qualified();
}
