using System.Reflection;
using System.Text.Json.Nodes;
using System.Xml.Linq;

namespace FollowUp.Functions.Tests;

/// <summary>The files of src/FollowUp.Functions besides its function sources: the project file and the local settings example.</summary>
public static class FunctionsProject
{
    public static string Folder { get; } =
        typeof(FunctionsProject).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "FunctionsProjectFolder").Value!;

    /// <summary>The packages the project file references directly.</summary>
    public static IReadOnlySet<string> PackageReferences { get; } =
        XDocument.Load(Path.Combine(Folder, "FollowUp.Functions.csproj")).Descendants("PackageReference")
            .Select(reference => reference.Attribute("Include")!.Value)
            .ToHashSet(StringComparer.OrdinalIgnoreCase);

    /// <summary>The <c>Values</c> of local.settings.example.json: what a local run with Core Tools starts from.</summary>
    public static IReadOnlyDictionary<string, string> LocalSettingsExample { get; } =
        JsonNode.Parse(File.ReadAllText(Path.Combine(Folder, "local.settings.example.json")))!["Values"]!.AsObject()
            .ToDictionary(pair => pair.Key, pair => pair.Value!.GetValue<string>(), StringComparer.Ordinal);
}
