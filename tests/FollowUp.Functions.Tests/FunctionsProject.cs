using System.Reflection;
using System.Text.Json.Nodes;
using System.Xml.Linq;

namespace FollowUp.Functions.Tests;

/// <summary>The files of src/FollowUp.Functions besides its function sources: the project file, the host.json it links and the local settings example.</summary>
public static class FunctionsProject
{
    public static string Folder { get; } =
        typeof(FunctionsProject).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "FunctionsProjectFolder").Value!;

    /// <summary>The packages the project file references directly.</summary>
    public static IReadOnlySet<string> PackageReferences { get; } =
        XDocument.Load(Path.Combine(Folder, "FollowUp.Functions.csproj")).Descendants("PackageReference")
            .Select(reference => reference.Attribute("Include")!.Value)
            .ToHashSet(StringComparer.OrdinalIgnoreCase);

    /// <summary>The host.json the project ships: the file its project file links in as host.json.</summary>
    public static JsonObject HostJson { get; } = JsonNode.Parse(File.ReadAllText(LinkedFile("host.json")))!.AsObject();

    /// <summary>The <c>Values</c> of local.settings.example.json: what a local run with Core Tools starts from.</summary>
    public static IReadOnlyDictionary<string, string> LocalSettingsExample { get; } =
        JsonNode.Parse(File.ReadAllText(Path.Combine(Folder, "local.settings.example.json")))!["Values"]!.AsObject()
            .ToDictionary(pair => pair.Key, pair => pair.Value!.GetValue<string>(), StringComparer.Ordinal);

    private static string LinkedFile(string link)
    {
        var item = XDocument.Load(Path.Combine(Folder, "FollowUp.Functions.csproj")).Descendants("None").Single(none => none.Attribute("Link")?.Value == link);
        return Path.GetFullPath(Path.Combine(Folder, item.Attribute("Include")!.Value.Replace('\\', Path.DirectorySeparatorChar)));
    }
}
