using System.Text.Json.Nodes;

namespace FollowUp.Cli.Folder;

/// <summary>
/// A YAML file read as the JSON the API takes, with where each field was written: keys of mappings by their path as
/// the API names fields (<c>sendWindow.from</c>, <c>cancelOn[1]</c>), so that an error the API would give for a field
/// points at its line and column.
/// </summary>
internal sealed class YamlFields(JsonObject json, IReadOnlyDictionary<string, SourcePosition> positions)
{
    public JsonObject Json { get; } = json;

    /// <summary>
    /// Where the field is, or the nearest field around it that is written (<c>coupon.length</c> when missing falls
    /// back to <c>coupon</c>); null when none is (a required field left out).
    /// </summary>
    public SourcePosition? Locate(string field)
    {
        for (var path = field; path.Length > 0; path = Parent(path))
        {
            if (positions.TryGetValue(path, out var position))
            {
                return position;
            }
        }

        return null;
    }

    private static string Parent(string path)
    {
        var cut = Math.Max(path.LastIndexOf('.'), path.LastIndexOf('['));
        return cut <= 0 ? string.Empty : path[..cut];
    }
}
