namespace FollowUp.Templates;

/// <summary>
/// Whether a template lets its reader unsubscribe: a feedback or marketing message must (the Nordic marketing acts, and
/// RFC 8058's header is not shown by every mail client), so its HTML and its text each carry <c>unsubscribe_url</c>.
/// </summary>
public static class UnsubscribeLinks
{
    /// <summary>The parts without the link, as <c>nb.html</c>; empty when every locale's HTML and text has it.</summary>
    /// <param name="template">The message template.</param>
    /// <param name="pieces">Its layout and partials: a link there counts for every message that uses them.</param>
    public static IReadOnlyList<string> MissingIn(MessageTemplate template, IReadOnlyDictionary<string, MessageTemplate>? pieces = null)
    {
        ArgumentNullException.ThrowIfNull(template);
        pieces ??= new Dictionary<string, MessageTemplate>();
        var missing = new List<string>();
        foreach (var (locale, content) in template.Locales.OrderBy(l => l.Key, StringComparer.Ordinal))
        {
            var layout = template.Layout is { } id && pieces.TryGetValue(id, out var found) ? found : null;
            foreach (var (part, text) in new[] { ("html", content.Html), ("text", content.Text) })
            {
                if (!Has(text, template.Syntax, locale, part, pieces, 0) && (layout is null || !Has(PieceLoader.TextOf(layout, locale, part), layout.Syntax, locale, part, pieces, 0)))
                {
                    missing.Add($"{locale}.{part}");
                }
            }
        }

        return missing;
    }

    private static bool Has(string text, TemplateSyntax syntax, string locale, string part, IReadOnlyDictionary<string, MessageTemplate> pieces, int depth) =>
        TemplateIncludes.Uses(text, syntax, "unsubscribe_url") || (depth <= TemplateIncludes.MaxDepth && TemplateIncludes.In(text, syntax).Any(name =>
            pieces.TryGetValue(name, out var partial) && partial.Kind == TemplateKind.Partial && Has(PieceLoader.TextOf(partial, locale, part), partial.Syntax, locale, part, pieces, depth + 1)));
}
