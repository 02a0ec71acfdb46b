using Scriban.Parsing;
using Scriban.Syntax;

namespace FollowUp.Templates;

/// <summary>
/// Finds names a template or condition uses that the model does not have (<c>customer.frist_name</c> renders as
/// nothing, silently), with line, column and the nearest known name. They are warnings: an event may carry fields the
/// schema does not describe.
/// </summary>
public static class TemplateLint
{
    /// <summary>Members Scriban gives every list (<c>order.lines.size</c>).</summary>
    private static readonly HashSet<string> ListMembers = new(StringComparer.Ordinal) { "size", "first", "last", "empty" };

    /// <param name="text">The template part or condition.</param>
    /// <param name="syntax">Its syntax.</param>
    /// <param name="field">Where it is, for the warning (<c>locales.nb.html</c>, <c>condition</c>).</param>
    /// <param name="condition">A rule's condition: an expression, which sees the event's model but not the message, the links or the functions.</param>
    public static IReadOnlyList<LintWarning> Check(string? text, TemplateSyntax syntax, string field, bool condition = false)
    {
        if (string.IsNullOrWhiteSpace(text) || ScriptParser.Parse(text, syntax, out _, expressionOnly: condition) is not { Page: { } page })
        {
            return [];
        }

        var declared = new HashSet<string>(StringComparer.Ordinal);
        Declare(page, declared);
        var warnings = new List<LintWarning>();
        Visit(page, new Dictionary<string, ModelField?>(StringComparer.Ordinal), declared, new Context(field, condition, syntax == TemplateSyntax.Liquid), warnings);
        return warnings;
    }

    /// <summary>The warnings of every part of every locale, and of the layout's <c>content</c> being used outside a layout.</summary>
    public static IReadOnlyList<LintWarning> Check(MessageTemplate template)
    {
        ArgumentNullException.ThrowIfNull(template);
        return template.Locales.OrderBy(locale => locale.Key, StringComparer.Ordinal)
            .SelectMany(locale => new[] { ("subject", locale.Value.Subject), ("html", locale.Value.Html), ("text", locale.Value.Text) }
                .SelectMany(part => Check(part.Item2, template.Syntax, $"locales.{locale.Key}.{part.Item1}")))
            .ToList();
    }

    /// <param name="Field">Where the text is.</param>
    /// <param name="Condition">A rule's condition.</param>
    /// <param name="Liquid">Liquid syntax.</param>
    /// <param name="Within">Inside a <c>with</c> block: the object whose names are in scope (<see cref="Unknown"/> when that is not the model's).</param>
    private sealed record Context(string Field, bool Condition, bool Liquid, ModelField? Within = null);

    /// <summary>A <c>with</c> block over something the model does not describe: any name may be its.</summary>
    private static readonly ModelField Unknown = new() { Name = "?", Type = "unknown" };

    /// <summary>Names the text makes itself (assigned, captured, functions and their parameters), wherever they are.</summary>
    private static void Declare(ScriptNode node, HashSet<string> declared)
    {
        switch (node)
        {
            case ScriptAssignExpression { Target: ScriptVariable target }:
                declared.Add(target.Name);
                break;
            case ScriptCaptureStatement { Target: ScriptVariable target }:
                declared.Add(target.Name);
                break;
            // Liquid's {% increment visits %} makes its counter: Scriban reads it as visits + 1, the 1 made up where the tag is.
            case ScriptBinaryExpression { Left: ScriptVariable counter, Right: ScriptLiteral { Value: 1 } one } made when one.Span.Start.Offset == made.Span.Start.Offset:
                declared.Add(counter.Name);
                break;
            case ScriptFunction function:
                if (function.NameOrDoToken is ScriptVariable name)
                {
                    declared.Add(name.Name);
                }

                foreach (var parameter in function.Parameters ?? [])
                {
                    if (parameter.Name is { } parameterName)
                    {
                        declared.Add(parameterName.Name);
                    }
                }

                break;
        }

        foreach (var child in node.Children)
        {
            if (child is not null)
            {
                Declare(child, declared);
            }
        }
    }

    private static void Visit(ScriptNode node, Dictionary<string, ModelField?> loops, HashSet<string> declared, Context context, List<LintWarning> warnings)
    {
        switch (node)
        {
            case ScriptForStatement loop:
                if (loop.Iterator is { } iterator)
                {
                    Visit(iterator, loops, declared, context, warnings);
                }

                var inner = new Dictionary<string, ModelField?>(loops, StringComparer.Ordinal);
                if (loop.Variable is ScriptVariable variable)
                {
                    var list = loop.Iterator is { } source ? Resolve(source, loops, declared) : null;
                    inner[variable.Name] = list is { Type: "list" } ? list with { Type = "object" } : null;
                }

                foreach (var child in node.Children.Where(child => child is not null && !ReferenceEquals(child, loop.Variable) && !ReferenceEquals(child, loop.Iterator)))
                {
                    Visit(child, inner, declared, context, warnings);
                }

                return;
            // A named argument's name (limit:, offset:, reversed, length:) and an object literal's keys are not names to look up.
            case ScriptNamedArgument argument:
                if (argument.Value is { } value)
                {
                    Visit(value, loops, declared, context, warnings);
                }

                return;
            case ScriptObjectMember member:
                if (member.Value is { } memberValue)
                {
                    Visit(memberValue, loops, declared, context, warnings);
                }

                return;

            // Inside {{ with customer }}, first_name is customer.first_name: the block's names are the object's.
            case ScriptWithStatement with:
                if (with.Name is { } target)
                {
                    Visit(target, loops, declared, context, warnings);
                }

                if (with.Body is { } body)
                {
                    var scoped = with.Name is { } name ? Resolve(name, loops, declared) : null;
                    Visit(body, loops, declared, context with { Within = scoped is { Type: "object" } ? scoped : Unknown }, warnings);
                }

                return;
            case ScriptMemberExpression or ScriptVariable or ScriptIndexerExpression when !IsInsidePath(node):
                CheckPath((ScriptExpression)node, loops, declared, context, warnings);
                break;
        }

        foreach (var child in node.Children)
        {
            if (child is not null)
            {
                Visit(child, loops, declared, context, warnings);
            }
        }
    }

    /// <summary>A member or index whose outer expression is checked as a whole.</summary>
    private static bool IsInsidePath(ScriptNode node) =>
        (node.Parent is ScriptMemberExpression member && (ReferenceEquals(member.Target, node) || ReferenceEquals(member.Member, node)))
        || (node.Parent is ScriptIndexerExpression indexer && ReferenceEquals(indexer.Target, node));

    private static (ScriptVariable? Root, List<ScriptVariable?> Segments) Flatten(ScriptExpression expression)
    {
        var segments = new List<ScriptVariable?>();
        var node = expression;
        while (true)
        {
            switch (node)
            {
                case ScriptMemberExpression { Member: { } member, Target: { } target }:
                    segments.Insert(0, member);
                    node = target;
                    continue;
                case ScriptIndexerExpression { Target: { } target }:
                    segments.Insert(0, null);
                    node = target;
                    continue;
                case ScriptVariable root:
                    return (root, segments);
                default:
                    return (null, segments);
            }
        }
    }

    /// <summary>What a path names in the model, or null when that is unknown or not the model's.</summary>
    private static ModelField? Resolve(ScriptExpression expression, Dictionary<string, ModelField?> loops, HashSet<string> declared)
    {
        var (root, segments) = Flatten(expression);
        if (root is null || declared.Contains(root.Name))
        {
            return null;
        }

        var field = loops.TryGetValue(root.Name, out var bound) ? bound : TemplateModelSchema.Root.GetValueOrDefault(root.Name);
        foreach (var segment in segments)
        {
            if (field is null)
            {
                return null;
            }

            field = segment is null ? (field.Type == "list" ? field with { Type = "object" } : null) : field.Fields.GetValueOrDefault(segment.Name);
        }

        return field;
    }

    private static void CheckPath(ScriptExpression expression, Dictionary<string, ModelField?> loops, HashSet<string> declared, Context context, List<LintWarning> warnings)
    {
        var (root, segments) = Flatten(expression);
        if (root is null || declared.Contains(root.Name) || TemplateModelSchema.Builtins.Contains(root.Name) || root.Name.Length == 0 || root.Name.StartsWith('$'))
        {
            return;
        }

        ModelField? field;
        var path = root.Name;
        if (ReferenceEquals(context.Within, Unknown))
        {
            return;
        }

        if (context.Within?.Fields.TryGetValue(root.Name, out var member) == true)
        {
            field = member;
        }
        else if (loops.TryGetValue(root.Name, out var bound))
        {
            field = bound;
        }
        else if (TemplateModelSchema.Root.TryGetValue(root.Name, out var top) && !(context.Condition && top.TemplatesOnly))
        {
            field = top;
        }
        else
        {
            // Liquid writes filters as names (| upcase) that are Scriban's functions by another name.
            if (context.Liquid && root.Parent is ScriptPipeCall or ScriptFunctionCall)
            {
                return;
            }

            var known = TemplateModelSchema.Root.Values.Where(f => !(context.Condition && f.TemplatesOnly)).Select(f => f.Name).Concat(declared).Concat(loops.Keys);
            var nearest = Nearest(root.Name, known);
            var what = TemplateModelSchema.Root.ContainsKey(root.Name)
                ? $"`{root.Name}` is only in templates, not in a rule's condition"
                : $"`{root.Name}` is not in the template model" + (nearest is null ? string.Empty : $" — did you mean `{nearest}`?");
            warnings.Add(Warning(context.Field, root, what, nearest));
            return;
        }

        foreach (var segment in segments)
        {
            if (field is null)
            {
                return;
            }

            if (segment is null)
            {
                field = field.Type == "list" ? field with { Type = "object" } : null;
                continue;
            }

            path += "." + segment.Name;
            if (field.Type == "list")
            {
                if (!ListMembers.Contains(segment.Name))
                {
                    var nearest = Nearest(segment.Name, ListMembers);
                    warnings.Add(Warning(context.Field, segment, $"`{path}`: {field.Name} is a list; use `for item in …` or {string.Join(", ", ListMembers.Order(StringComparer.Ordinal))}" + (nearest is null ? string.Empty : $" — did you mean `{nearest}`?"), nearest));
                }

                return;
            }

            if (field.Type != "object")
            {
                return;
            }

            if (!field.Fields.TryGetValue(segment.Name, out var child))
            {
                var nearest = Nearest(segment.Name, field.Fields.Keys);
                warnings.Add(Warning(context.Field, segment, $"`{path}` is not in the template model" + (nearest is null ? string.Empty : $" — did you mean `{nearest}`?"), nearest));
                return;
            }

            field = child;
        }
    }

    private static LintWarning Warning(string field, ScriptNode at, string message, string? suggestion) =>
        new(field, at.Span.Start.Line + 1, at.Span.Start.Column + 1, message) { Suggestion = suggestion };

    /// <summary>The known name nearest <paramref name="name"/>: the same in snake_case, or a few typing mistakes away.</summary>
    private static string? Nearest(string name, IEnumerable<string> known)
    {
        var snake = ScriptModel.SnakeCase(name);
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var candidate in known.Distinct(StringComparer.Ordinal))
        {
            var distance = candidate == snake ? 0 : Distance(name.ToLowerInvariant(), candidate);
            if (distance < bestDistance)
            {
                (best, bestDistance) = (candidate, distance);
            }
        }

        return bestDistance <= Math.Max(2, name.Length / 3) ? best : null;
    }

    /// <summary>Levenshtein distance, with a swap of two neighbours counted as one (frist → first).</summary>
    private static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }

        return d[a.Length, b.Length];
    }
}
