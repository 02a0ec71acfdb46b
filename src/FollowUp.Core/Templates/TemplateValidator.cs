using System.Globalization;
using FollowUp.Validation;

namespace FollowUp.Templates;

/// <summary>Checks a template before it is saved: ids, locales, sizes, and that every part parses (with line and column).</summary>
public static partial class TemplateValidator
{
    /// <summary>Table Storage holds at most 32K characters in one string property.</summary>
    public const int MaxBodyLength = 30_000;

    /// <summary>All locales are saved in one entity-group transaction, whose payload Table Storage caps at 4 MiB.</summary>
    public const int MaxTotalLength = 1_000_000;

    /// <summary>What the locales may take in the transaction as the storage client writes them, escapes included.</summary>
    private const long MaxStoredBytes = 3_500_000;

    public static MessageTemplate? Validate(string id, TemplateInput input, FieldErrors errors)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(errors);
        if (!Ids.IsValid(id))
        {
            errors.Add("id", "must be " + Ids.Rule);
        }

        if (input.Description is { Length: > 500 })
        {
            errors.Add("description", "must be at most 500 characters");
        }

        var syntax = input.Syntax ?? TemplateSyntax.Scriban;
        var kind = input.Kind ?? TemplateKind.Message;
        if (input.Layout is { } layout)
        {
            if (kind != TemplateKind.Message)
            {
                errors.Add("layout", $"only a message sits in a layout, not a {kind.ToString().ToLowerInvariant()}");
            }
            else if (!Ids.IsValid(layout))
            {
                errors.Add("layout", "must be the id of a layout: " + Ids.Rule);
            }
        }
        var locales = new Dictionary<string, TemplateContent>(StringComparer.OrdinalIgnoreCase);
        if (input.Locales is null || input.Locales.Count == 0)
        {
            errors.Add("locales", $"is required: content per locale, including '{LocaleFallback.Last}'");
        }
        else
        {
            if (input.Locales.Count > 30)
            {
                errors.Add("locales", "must hold at most 30 locales");
            }

            foreach (var (tag, content) in input.Locales)
            {
                var path = $"locales.{tag}";
                if (!IsTag(tag))
                {
                    errors.Add(path, $"'{tag}' is not a BCP 47 language tag such as en, nb or nb-NO");
                    continue;
                }

                if (content is null)
                {
                    errors.Add(path, "must be an object with subject, html and text");
                    continue;
                }

                // A layout or partial is never a mail's subject on its own: it may have none.
                var subject = kind != TemplateKind.Message && string.IsNullOrEmpty(content.Subject) ? string.Empty : Part(content.Subject, path + ".subject", 998, syntax, errors);
                var html = Part(content.Html, path + ".html", MaxBodyLength, syntax, errors);
                var text = Part(content.Text, path + ".text", MaxBodyLength, syntax, errors);
                if (kind == TemplateKind.Layout)
                {
                    foreach (var (part, body) in new[] { ("html", html), ("text", text) })
                    {
                        if (body is not null && !ContentSlot().IsMatch(body))
                        {
                            errors.Add($"{path}.{part}", "a layout must say where the message goes: {{ content }}");
                        }
                    }
                }
                if (locales.ContainsKey(Normalize(tag)))
                {
                    errors.Add(path, $"repeats the locale {Normalize(tag)}: tags are case-insensitive");
                }
                else if (subject is not null && html is not null && text is not null)
                {
                    locales[Normalize(tag)] = new TemplateContent(subject, html, text);
                }
            }

            if (!input.Locales.Keys.Any(tag => tag.Equals(LocaleFallback.Last, StringComparison.OrdinalIgnoreCase)))
            {
                errors.Add("locales", $"must include '{LocaleFallback.Last}', the language every other locale falls back to");
            }
        }

        var total = locales.Values.Sum(content => content.Subject.Length + content.Html.Length + content.Text.Length);
        var stored = locales.Values.Sum(content => StoredBytes(content.Subject) + StoredBytes(content.Html) + StoredBytes(content.Text));
        if (total > MaxTotalLength || stored > MaxStoredBytes)
        {
            errors.Add("locales", $"hold {total} characters in all, too much to save at once; at most {MaxTotalLength} characters, fewer when most are not ASCII");
        }

        return errors.IsEmpty ? new MessageTemplate { Id = id, Description = input.Description, Syntax = syntax, Kind = kind, Layout = input.Layout, Locales = locales } : null;
    }

    private static string? Part(string? text, string path, int maxLength, TemplateSyntax syntax, FieldErrors errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            errors.Add(path, "is required");
            return null;
        }

        if (text.Length > maxLength)
        {
            errors.Add(path, $"must be at most {maxLength} characters");
            return null;
        }

        if (ScriptParser.Parse(text, syntax, out var error) is null)
        {
            errors.Add(path, error!);
            return null;
        }

        // Scriban closes a block left open at the end of the text, so "Hi {{ order.id " parses; a person meant more.
        if ((Unclosed(text, "{{", "}}") ?? (syntax == TemplateSyntax.Liquid ? Unclosed(text, "{%", "%}") : null)) is { } open)
        {
            errors.Add(path, open);
            return null;
        }

        if (TemplateIncludes.ErrorIn(text, syntax) is { } include)
        {
            errors.Add(path, include);
            return null;
        }

        return text;
    }

    /// <summary>Bytes as the storage client writes the text in JSON: plain ASCII as one, anything it escapes as six.</summary>
    private static long StoredBytes(string text) =>
        text.Sum(c => c is >= ' ' and < (char)127 and not ('"' or '\\' or '<' or '>' or '&' or '\'' or '+') ? 1L : 6L);

    private static string? Unclosed(string text, string opener, string closer)
    {
        var lastOpen = text.LastIndexOf(opener, StringComparison.Ordinal);
        if (lastOpen < 0 || text.IndexOf(closer, lastOpen + opener.Length, StringComparison.Ordinal) >= 0)
        {
            return null;
        }

        var line = text.AsSpan(0, lastOpen).Count('\n') + 1;
        var column = lastOpen - (text.LastIndexOf('\n', Math.Max(0, lastOpen - 1)) + 1) + 1;
        return $"line {line}, column {column}: '{opener}' is never closed with '{closer}'";
    }

    private static bool IsTag(string tag)
    {
        if (tag.Length is < 2 or > 35 || !tag.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'))
        {
            return false;
        }

        try
        {
            return !string.IsNullOrEmpty(CultureInfo.GetCultureInfo(tag, predefinedOnly: true).Name);
        }
        catch (CultureNotFoundException)
        {
            return false;
        }
    }

    private static string Normalize(string tag) => CultureInfo.GetCultureInfo(tag).Name;

    /// <summary>Where a layout puts the message: <c>{{ content }}</c> (also with filters, or Liquid's <c>{{ content }}</c>).</summary>
    [System.Text.RegularExpressions.GeneratedRegex(@"\{\{[^}]*\bcontent\b[^}]*\}\}")]
    private static partial System.Text.RegularExpressions.Regex ContentSlot();
}
