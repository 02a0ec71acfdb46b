using System.Text.Json.Nodes;
using FollowUp.Cli.Folder;
using FollowUp.Templates;

namespace FollowUp.Cli.Planning;

/// <summary>Two templates compared as their files: template.yaml's fields, then each part file added, removed or changed line by line.</summary>
internal static class TemplateDiff
{
    public static IReadOnlyList<string> Lines(JsonObject? before, JsonObject after)
    {
        var lines = new List<string>(FieldDiff.Lines(Meta(before), Meta(after)));
        var extension = after["syntax"]?.GetValue<string>() ?? FolderReader.Extension(TemplateSyntax.Scriban);
        var old = Parts(before);
        var now = Parts(after);
        foreach (var (part, text) in now)
        {
            var file = $"{part}.{extension}";
            if (!old.TryGetValue(part, out var was))
            {
                var count = text.Split('\n').Length;
                lines.Add($"+ {file} ({count} line{(count == 1 ? string.Empty : "s")})");
            }
            else if (was != text)
            {
                lines.Add($"~ {file}");
                lines.AddRange(TextDiff.Lines(was, text).Select(line => "    " + line));
            }
        }

        lines.AddRange(old.Keys.Where(part => !now.ContainsKey(part)).Select(part => $"- {part}.{extension}"));
        return lines;
    }

    private static JsonObject? Meta(JsonObject? template) =>
        template is null ? null : new JsonObject(template.Where(p => p.Key != "locales").Select(p => KeyValuePair.Create(p.Key, p.Value?.DeepClone())));

    /// <summary>Each part's text by <c>locale.part</c> (<c>en.html</c>), in file order.</summary>
    private static SortedDictionary<string, string> Parts(JsonObject? template)
    {
        var parts = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (locale, content) in template?["locales"] as JsonObject ?? [])
        {
            foreach (var (part, text) in content as JsonObject ?? [])
            {
                parts[$"{locale}.{part}"] = text?.GetValue<string>() ?? string.Empty;
            }
        }

        return parts;
    }
}
