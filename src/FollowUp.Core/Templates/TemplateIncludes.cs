using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using FollowUp.Validation;
using Scriban.Syntax;

namespace FollowUp.Templates;

/// <summary>
/// The shared pieces a template uses: its layout and the partials it includes, each by a name in quotes, so that
/// what a template needs is known before it renders (and a name that does not exist is refused when it is saved).
/// </summary>
public static partial class TemplateIncludes
{
    /// <summary>How deep partials may include partials.</summary>
    public const int MaxDepth = 5;

    /// <summary>The names that include a partial: Scriban's and Liquid's <c>include</c>, and Liquid's <c>render</c>.</summary>
    public static readonly IReadOnlySet<string> Functions = new HashSet<string>(StringComparer.Ordinal) { "include", "render" };

    private const int MaxCached = 2_000;

    private static readonly ConcurrentDictionary<(TemplateSyntax, string), Scan> Scans = new();

    /// <summary>The partials <paramref name="text"/> includes, in order of first use (what is in a comment or a string is not an include).</summary>
    public static IReadOnlyList<string> In(string text, TemplateSyntax syntax) => ScanOf(text, syntax).Names;

    /// <summary>Why <paramref name="text"/>'s includes cannot be followed (a name that is not an id in quotes), with line and column; null when they can.</summary>
    public static string? ErrorIn(string text, TemplateSyntax syntax) => ScanOf(text, syntax).Error;

    /// <summary>Whether <paramref name="text"/> writes the variable <paramref name="name"/> (not in a Scriban comment, nor in an HTML comment).</summary>
    public static bool Uses(string text, TemplateSyntax syntax, string name) => ScanOf(text, syntax).Variables.Contains(name);

    private sealed record Scan(IReadOnlyList<string> Names, string? Error, IReadOnlySet<string> Variables);

    private static readonly Scan Nothing = new([], null, new HashSet<string>());

    private static Scan ScanOf(string text, TemplateSyntax syntax)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!text.Contains("{{", StringComparison.Ordinal) && !text.Contains("{%", StringComparison.Ordinal))
        {
            return Nothing;
        }

        if (Scans.Count > MaxCached)
        {
            Scans.Clear();
        }

        return Scans.GetOrAdd((syntax, text), key => Read(key.Item2, key.Item1));
    }

    private static Scan Read(string text, TemplateSyntax syntax)
    {
        // An HTML comment is sent but never seen: what is inside it neither includes nor links.
        var shown = HtmlComment().Replace(text, match => new string(' ', match.Length));
        if (ScriptParser.Parse(shown, syntax, out _) is not { Page: { } page })
        {
            return Nothing;
        }

        var names = new List<string>();
        var variables = new HashSet<string>(StringComparer.Ordinal);
        string? error = null;
        foreach (var node in Descendants(page))
        {
            if (node is ScriptVariable variable)
            {
                variables.Add(variable.Name);
            }

            var (function, argument) = node switch
            {
                ScriptFunctionCall { Target: ScriptVariable target } call => (target, call.Arguments.Count > 0 ? call.Arguments[0] : null),
                ScriptPipeCall { To: ScriptVariable target, From: var from } => (target, from),
                _ => (null, null),
            };
            if (function is null || !Functions.Contains(function.Name))
            {
                continue;
            }

            if (argument is ScriptLiteral { Value: string name } && Ids.IsValid(name))
            {
                if (!names.Contains(name, StringComparer.Ordinal))
                {
                    names.Add(name);
                }
            }
            else
            {
                error ??= $"line {node.Span.Start.Line + 1}, column {node.Span.Start.Column + 1}: {function.Name} takes a partial's id in quotes, e.g. {function.Name} \"footer\"";
            }
        }

        return new Scan(names, error, variables);
    }

    private static IEnumerable<ScriptNode> Descendants(ScriptNode node)
    {
        yield return node;
        foreach (var child in node.Children)
        {
            if (child is null)
            {
                continue;
            }

            foreach (var descendant in Descendants(child))
            {
                yield return descendant;
            }
        }
    }

    [GeneratedRegex("<!--.*?-->", RegexOptions.Singleline)]
    private static partial Regex HtmlComment();

    /// <summary>Every piece <paramref name="template"/> needs (its layout, the partials it and they include, to <see cref="MaxDepth"/>), found by <paramref name="find"/>.</summary>
    /// <returns>The pieces found, and the first problem: a missing piece, one of the wrong kind, a cycle or too deep a nesting.</returns>
    public static (Dictionary<string, MessageTemplate> Pieces, string? Problem) Resolve(MessageTemplate template, Func<string, MessageTemplate?> find)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(find);
        var pieces = new Dictionary<string, MessageTemplate>(StringComparer.Ordinal);
        string? problem = null;
        if (template.Layout is { } layoutId)
        {
            var layout = find(layoutId);
            if (layout is null)
            {
                return (pieces, $"layout '{layoutId}' does not exist");
            }

            if (layout.Kind != TemplateKind.Layout)
            {
                return (pieces, $"layout '{layoutId}' is a {layout.Kind.ToString().ToLowerInvariant()}, not a layout");
            }

            pieces[layoutId] = layout;
            problem = Follow(layout, [layoutId], pieces, find);
        }

        return (pieces, problem ?? Follow(template, [template.Id], pieces, find));
    }

    /// <summary>The partials <paramref name="template"/> includes, in any locale and part.</summary>
    public static IEnumerable<string> UsedBy(MessageTemplate template)
    {
        ArgumentNullException.ThrowIfNull(template);

        // Asked for every message sent, of the same cached template: worked out once per template read.
        return Used.GetValue(template, t => t.Locales.Values
            .SelectMany(content => In(content.Subject, t.Syntax).Concat(In(content.Html, t.Syntax)).Concat(In(content.Text, t.Syntax)))
            .Distinct(StringComparer.Ordinal)
            .ToArray());
    }

    private static readonly ConditionalWeakTable<MessageTemplate, string[]> Used = new();

    /// <summary>The field a problem <see cref="Resolve"/> found belongs to: <c>layout</c> for the layout's, else <c>locales</c> (an include).</summary>
    public static string FieldOf(string problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        return problem.StartsWith("layout ", StringComparison.Ordinal) ? "layout" : "locales";
    }

    /// <summary><see cref="Resolve"/> over storage: the pieces are read one by one as the walk finds it needs them.</summary>
    public static async Task<(Dictionary<string, MessageTemplate> Pieces, string? Problem)> ResolveAsync(MessageTemplate template, Func<string, Task<MessageTemplate?>> find)
    {
        ArgumentNullException.ThrowIfNull(find);
        var read = new Dictionary<string, MessageTemplate?>(StringComparer.Ordinal);
        while (true)
        {
            string? unread = null;
            var result = Resolve(template, name =>
            {
                if (read.TryGetValue(name, out var piece))
                {
                    return piece;
                }

                unread ??= name;
                return null;
            });
            if (unread is null)
            {
                return result;
            }

            read[unread] = await find(unread).ConfigureAwait(false);
        }
    }

    private static string? Follow(MessageTemplate from, List<string> path, Dictionary<string, MessageTemplate> pieces, Func<string, MessageTemplate?> find)
    {
        var names = UsedBy(from).ToList();
        foreach (var name in names)
        {
            if (path.Contains(name, StringComparer.Ordinal))
            {
                return $"partial '{name}' includes itself ({string.Join(" → ", path.Append(name))})";
            }

            if (path.Count > MaxDepth)
            {
                return $"partials are nested more than {MaxDepth} deep ({string.Join(" → ", path.Append(name))})";
            }

            if (!pieces.TryGetValue(name, out var partial))
            {
                partial = find(name);
                if (partial is null)
                {
                    return $"include \"{name}\": there is no partial '{name}'";
                }

                if (partial.Kind != TemplateKind.Partial)
                {
                    return $"include \"{name}\": '{name}' is a {partial.Kind.ToString().ToLowerInvariant()}, not a partial";
                }

                pieces[name] = partial;
            }

            if (Follow(partial, [.. path, name], pieces, find) is { } problem)
            {
                return problem;
            }
        }

        return null;
    }
}
