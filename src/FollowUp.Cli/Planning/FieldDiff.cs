using System.Text.Json.Nodes;

namespace FollowUp.Cli.Planning;

/// <summary>Two PUT bodies compared field by field: <c>~ delay: "PT1H" → "PT2H"</c>, <c>+ coupon.prefix: "THANKS"</c>.</summary>
internal static class FieldDiff
{
    public static IReadOnlyList<string> Lines(JsonObject? before, JsonObject? after)
    {
        var old = Flatten(before, string.Empty).ToDictionary(f => f.Path, f => f.Value, StringComparer.Ordinal);
        var now = Flatten(after, string.Empty).ToList();
        var lines = new List<string>();
        foreach (var (path, value) in now)
        {
            if (!old.TryGetValue(path, out var was))
            {
                lines.Add($"+ {path}: {value}");
            }
            else if (was != value)
            {
                lines.Add($"~ {path}: {was} → {value}");
            }
        }

        var kept = now.Select(f => f.Path).ToHashSet(StringComparer.Ordinal);
        lines.AddRange(old.Where(f => !kept.Contains(f.Key)).Select(f => $"- {f.Key}: {f.Value}"));
        return lines;
    }

    /// <summary>The names of the fields that differ, for a sentence.</summary>
    public static IReadOnlyList<string> Names(JsonObject? before, JsonObject? after) =>
        Lines(before, after).Select(line => line[2..line.IndexOf(':', StringComparison.Ordinal)]).ToList();

    private static IEnumerable<(string Path, string Value)> Flatten(JsonNode? node, string path)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (name, value) in obj)
                {
                    foreach (var field in Flatten(value, path.Length == 0 ? name : $"{path}.{name}"))
                    {
                        yield return field;
                    }
                }

                break;
            case JsonArray array when array.Any(item => item is JsonObject or JsonArray):
                for (var i = 0; i < array.Count; i++)
                {
                    foreach (var field in Flatten(array[i], $"{path}[{i}]"))
                    {
                        yield return field;
                    }
                }

                break;
            case null when path.Length == 0:
                break;
            default:
                yield return (path, node?.ToJsonString(FollowUpJson.Options) ?? "null");
                break;
        }
    }
}
