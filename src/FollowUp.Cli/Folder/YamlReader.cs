using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace FollowUp.Cli.Folder;

/// <summary>
/// Reads one YAML document whose root is a mapping into JSON, remembering where every key and list item was written.
/// Plain scalars are typed as YAML's core schema types them (<c>true</c>, <c>12</c>, <c>null</c>); everything else is a
/// string, so that <c>from: 09:00</c> stays the text it looks like. Anchors, aliases and tags are refused: a rule file
/// is data someone reads in a pull request, and those would hide what it says.
/// </summary>
internal static partial class YamlReader
{
    public static YamlFields? Read(string text, string file, ICollection<FolderProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        var positions = new Dictionary<string, SourcePosition>(StringComparer.Ordinal);
        try
        {
            var parser = new Parser(new StringReader(text));
            parser.Consume<StreamStart>();
            if (parser.Accept<StreamEnd>(out _))
            {
                problems.Add(new FolderProblem(file, null, null, "is empty"));
                return null;
            }

            parser.Consume<DocumentStart>();
            var start = parser.Current!.Start;
            var root = ReadNode(parser, string.Empty, positions, 0);
            parser.Consume<DocumentEnd>();
            if (!parser.Accept<StreamEnd>(out _))
            {
                problems.Add(At(file, parser.Current!.Start, "holds more than one YAML document; write one"));
                return null;
            }

            if (root is not JsonObject json)
            {
                problems.Add(At(file, start, "must be a mapping of fields (key: value), not " + (root is null ? "empty" : "a single value or a list")));
                return null;
            }

            return new YamlFields(json, positions);
        }
        catch (RefusedYaml ex)
        {
            problems.Add(At(file, ex.Mark, ex.Message));
            return null;
        }
        catch (YamlException ex)
        {
            problems.Add(At(file, ex.Start, Reason(ex)));
            return null;
        }
    }

    /// <summary>How deep a value may nest: far more than any rule needs, and well inside what the JSON reader takes (32).</summary>
    private const int MaxDepth = 16;

    private static JsonNode? ReadNode(IParser parser, string path, Dictionary<string, SourcePosition> positions, int depth)
    {
        if (depth > MaxDepth)
        {
            throw new RefusedYaml(parser.Current!.Start, $"nests more than {MaxDepth} levels deep: no field of a rule or template does");
        }

        var current = parser.Current!;
        if (current is AnchorAlias)
        {
            throw new RefusedYaml(current.Start, "anchors and aliases (*name) are not supported here: write the value out");
        }

        if (current is NodeEvent { Anchor.IsEmpty: false } || current is NodeEvent { Tag.IsEmpty: false })
        {
            throw new RefusedYaml(current.Start, "anchors (&name) and tags (!tag) are not supported here: write the value plainly");
        }

        switch (current)
        {
            case Scalar scalar:
                parser.MoveNext();
                return ScalarValue(scalar);
            case SequenceStart:
                {
                    parser.MoveNext();
                    var array = new JsonArray();
                    while (!parser.TryConsume<SequenceEnd>(out _))
                    {
                        var item = $"{path}[{array.Count}]";
                        positions[item] = Position(parser.Current!.Start);
                        array.Add(ReadNode(parser, item, positions, depth + 1));
                    }

                    return array;
                }

            case MappingStart:
                {
                    parser.MoveNext();
                    var obj = new JsonObject();
                    while (!parser.TryConsume<MappingEnd>(out _))
                    {
                        if (parser.Current is not Scalar { Anchor.IsEmpty: true, Tag.IsEmpty: true } key || key.Value.Length == 0)
                        {
                            throw new RefusedYaml(parser.Current!.Start, "a key must be a plain name such as delay");
                        }

                        parser.MoveNext();
                        if (obj.ContainsKey(key.Value))
                        {
                            throw new RefusedYaml(key.Start, $"'{key.Value}' appears more than once");
                        }

                        var field = path.Length == 0 ? key.Value : $"{path}.{key.Value}";
                        positions[field] = Position(key.Start);
                        obj[key.Value] = ReadNode(parser, field, positions, depth + 1);
                    }

                    return obj;
                }

            default:
                throw new RefusedYaml(current.Start, "unexpected YAML here");
        }
    }

    private static JsonValue? ScalarValue(Scalar scalar)
    {
        if (scalar.Style != ScalarStyle.Plain)
        {
            return JsonValue.Create(scalar.Value);
        }

        var text = scalar.Value;
        if (text.Length == 0 || text is "~" or "null" or "Null" or "NULL")
        {
            return null;
        }

        if (text is "true" or "True" or "TRUE")
        {
            return JsonValue.Create(true);
        }

        if (text is "false" or "False" or "FALSE")
        {
            return JsonValue.Create(false);
        }

        if (Integer().IsMatch(text) && long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var whole))
        {
            return JsonValue.Create(whole);
        }

        if (Number().IsMatch(text) && decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
        {
            return JsonValue.Create(number);
        }

        return JsonValue.Create(text);
    }

    /// <summary>Whether a plain scalar with this text would be read as something other than the string: such text is written quoted.</summary>
    public static bool IsTyped(string text) =>
        text.Length == 0
        || text is "~" or "null" or "Null" or "NULL" or "true" or "True" or "TRUE" or "false" or "False" or "FALSE"
        || Integer().IsMatch(text) || Number().IsMatch(text);

    private static FolderProblem At(string file, Mark mark, string message) =>
        mark.Line > 0 ? new FolderProblem(file, (int)mark.Line, (int)mark.Column, message) : new FolderProblem(file, null, null, message);

    private static SourcePosition Position(Mark mark) => new((int)mark.Line, (int)mark.Column);

    /// <summary>YamlDotNet puts the position in front of its message; the problem carries it already.</summary>
    private static string Reason(YamlException ex)
    {
        var message = ex.Message;
        var cut = message.IndexOf("): ", StringComparison.Ordinal);
        return "is not valid YAML: " + (message.StartsWith("(Line", StringComparison.Ordinal) && cut > 0 ? message[(cut + 3)..] : message);
    }

    [GeneratedRegex(@"^[-+]?[0-9]+$")]
    private static partial Regex Integer();

    [GeneratedRegex(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$|^[-+]?\.(inf|Inf|INF)$|^\.(nan|NaN|NAN)$")]
    private static partial Regex Number();
}

/// <summary>YAML that parses but is not what a rule or template file may hold.</summary>
file sealed class RefusedYaml(Mark mark, string message) : Exception(message)
{
    public Mark Mark { get; } = mark;
}
