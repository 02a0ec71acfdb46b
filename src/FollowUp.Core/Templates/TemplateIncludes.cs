using System.Text.RegularExpressions;

namespace FollowUp.Templates;

/// <summary>
/// The shared pieces a template uses: its layout and the partials it includes, each by a name in quotes, so that
/// what a template needs is known before it renders (and a name that does not exist is refused when it is saved).
/// </summary>
public static partial class TemplateIncludes
{
    /// <summary>How deep partials may include partials.</summary>
    public const int MaxDepth = 5;

    /// <summary>The partials <paramref name="text"/> includes, in order of first use.</summary>
    public static IReadOnlyList<string> In(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!text.Contains("include", StringComparison.Ordinal))
        {
            return [];
        }

        return Blocks().Matches(text).SelectMany(block => Named().Matches(block.Value)).Select(match => match.Groups["name"].Value).Distinct(StringComparer.Ordinal).ToList();
    }

    /// <summary>Why <paramref name="text"/>'s includes cannot be followed (a name that is not a literal id), with line and column; null when they can.</summary>
    public static string? ErrorIn(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        foreach (Match block in Blocks().Matches(text))
        {
            foreach (Match use in Word().Matches(block.Value))
            {
                var at = block.Index + use.Index;
                var named = Named().Match(block.Value, use.Index);
                if (!named.Success || named.Index != use.Index)
                {
                    var line = text.AsSpan(0, at).Count('\n') + 1;
                    var column = at - (text.LastIndexOf('\n', Math.Max(0, at - 1)) + 1) + 1;
                    return $"line {line}, column {column}: include takes a partial's id in quotes, e.g. include \"footer\"";
                }
            }
        }

        return null;
    }

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
        var names = from.Locales.Values.SelectMany(content => In(content.Subject).Concat(In(content.Html)).Concat(In(content.Text))).Distinct(StringComparer.Ordinal).ToList();
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

    /// <summary>A Scriban <c>{{ … }}</c> or Liquid <c>{% … %}</c> block.</summary>
    [GeneratedRegex(@"\{\{.*?\}\}|\{%.*?%\}", RegexOptions.Singleline)]
    private static partial Regex Blocks();

    [GeneratedRegex(@"(?<![\w.])include(?![\w])")]
    private static partial Regex Word();

    [GeneratedRegex(@"(?<![\w.])include\s+(?<q>[""'])(?<name>[a-z0-9][a-z0-9-]{0,63})\k<q>")]
    private static partial Regex Named();
}
