using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace FollowUp.Cli.Folder;

/// <summary>
/// Writes a PUT body as the YAML <see cref="YamlReader"/> reads back to the same JSON: a string that would read as
/// another type (<c>"true"</c>, <c>"12"</c>) is quoted, lists of plain values stay on one line, and nothing is folded.
/// </summary>
internal static partial class YamlWriter
{
    public static string Write(JsonObject json)
    {
        using var text = new StringWriter(CultureInfo.InvariantCulture) { NewLine = "\n" };
        var emitter = new Emitter(text, bestIndent: 2, bestWidth: 10_000, isCanonical: false);
        emitter.Emit(new StreamStart());
        emitter.Emit(new DocumentStart());
        Node(emitter, json);
        emitter.Emit(new DocumentEnd(isImplicit: true));
        emitter.Emit(new StreamEnd());
        return text.ToString();
    }

    private static void Node(Emitter emitter, JsonNode? node)
    {
        switch (node)
        {
            case null:
                emitter.Emit(Plain("null"));
                break;
            case JsonObject obj:
                emitter.Emit(new MappingStart(AnchorName.Empty, TagName.Empty, isImplicit: true, obj.Count == 0 ? MappingStyle.Flow : MappingStyle.Block));
                foreach (var (name, value) in obj)
                {
                    emitter.Emit(Plain(name));
                    Node(emitter, value);
                }

                emitter.Emit(new MappingEnd());
                break;
            case JsonArray array:
                var flat = array.All(item => item is JsonValue);
                emitter.Emit(new SequenceStart(AnchorName.Empty, TagName.Empty, isImplicit: true, flat ? SequenceStyle.Flow : SequenceStyle.Block));
                foreach (var item in array)
                {
                    Node(emitter, item);
                }

                emitter.Emit(new SequenceEnd());
                break;
            case JsonValue value when value.GetValueKind() == JsonValueKind.String:
                var s = value.GetValue<string>();
                var style = YamlReader.IsTyped(s) || OlderYamlTypes().IsMatch(s) ? ScalarStyle.DoubleQuoted : s.Contains('\n', StringComparison.Ordinal) ? ScalarStyle.Literal : ScalarStyle.Any;
                emitter.Emit(new Scalar(AnchorName.Empty, TagName.Empty, s, style, isPlainImplicit: true, isQuotedImplicit: true));
                break;
            default:
                // Numbers and true/false, as JSON writes them.
                emitter.Emit(Plain(node.ToJsonString()));
                break;
        }
    }

    /// <summary>
    /// Text YAML 1.1 readers (linters, other tools in a pipeline) take for something else: times as base-60 numbers
    /// (<c>09:00</c>), yes/no/on/off as booleans. Quoted, every reader sees the same string.
    /// </summary>
    [GeneratedRegex(@"^([-+]?[0-9][0-9_]*(:[0-5]?[0-9])+(\.[0-9_]*)?|y|Y|yes|Yes|YES|n|N|no|No|NO|on|On|ON|off|Off|OFF)$")]
    private static partial Regex OlderYamlTypes();

    private static Scalar Plain(string text) => new(AnchorName.Empty, TagName.Empty, text, ScalarStyle.Plain, isPlainImplicit: true, isQuotedImplicit: false);
}
