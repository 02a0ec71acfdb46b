using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;

namespace FollowUp.Cli.Folder;

/// <summary>
/// Which field names the API's request types take, read from the same JSON contract the API reads with, so that a
/// field Core adds is known here without a change, and every unknown key in a file is named (the JSON reader stops at
/// the first).
/// </summary>
internal static class ContractFields
{
    /// <summary>What the server sets and a GET answers, which a file never holds (a file's id is its name).</summary>
    public static readonly string[] ServerSet = ["id", "version", "updatedAt", "updatedBy", "restoredFrom"];

    /// <summary>The JSON names of a request type's fields, in declaration order.</summary>
    public static IReadOnlyList<string> Of(Type type) =>
        FollowUpJson.Options.GetTypeInfo(type).Properties.Select(p => p.Name).ToList();

    /// <summary>Adds a problem for every key, at any depth, that <paramref name="type"/> has no field for.</summary>
    /// <param name="ignore">Top-level names that are taken care of elsewhere (a template's locales are its files).</param>
    public static void FindUnknown(JsonObject json, Type type, YamlFields fields, string file, ICollection<FolderProblem> problems, params string[] ignore)
    {
        ArgumentNullException.ThrowIfNull(json);
        Walk(json, FollowUpJson.Options.GetTypeInfo(type), string.Empty, fields, file, problems, ignore);
    }

    private static void Walk(JsonNode? node, JsonTypeInfo info, string path, YamlFields fields, string file, ICollection<FolderProblem> problems, string[] ignore)
    {
        switch (node)
        {
            case JsonObject obj when info.Kind == JsonTypeInfoKind.Object:
                foreach (var (name, value) in obj)
                {
                    var field = path.Length == 0 ? name : $"{path}.{name}";
                    var property = info.Properties.FirstOrDefault(p => p.Name == name);
                    if (property is null || (path.Length == 0 && ignore.Contains(name)))
                    {
                        var known = info.Properties.Select(p => p.Name).Where(n => path.Length > 0 || !ignore.Contains(n));
                        var at = fields.Locate(field);
                        problems.Add(new FolderProblem(file, at?.Line, at?.Column, $"{field}: is not a known field (known: {string.Join(", ", known)})"));
                        continue;
                    }

                    Walk(value, FollowUpJson.Options.GetTypeInfo(property.PropertyType), field, fields, file, problems, ignore);
                }

                break;
            case JsonObject obj when info.Kind == JsonTypeInfoKind.Dictionary && info.ElementType is { } valueType:
                foreach (var (name, value) in obj)
                {
                    Walk(value, FollowUpJson.Options.GetTypeInfo(valueType), path.Length == 0 ? name : $"{path}.{name}", fields, file, problems, ignore);
                }

                break;
            case JsonArray array when info.Kind == JsonTypeInfoKind.Enumerable && info.ElementType is { } itemType:
                for (var i = 0; i < array.Count; i++)
                {
                    Walk(array[i], FollowUpJson.Options.GetTypeInfo(itemType), $"{path}[{i}]", fields, file, problems, ignore);
                }

                break;
        }
    }
}
