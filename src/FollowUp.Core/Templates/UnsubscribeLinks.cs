using System.Text.RegularExpressions;

namespace FollowUp.Templates;

/// <summary>
/// Whether a template lets its reader unsubscribe: a feedback or marketing message must (the Nordic marketing acts, and
/// RFC 8058's header is not shown by every mail client), so its HTML and its text each carry <c>unsubscribe_url</c>.
/// </summary>
public static partial class UnsubscribeLinks
{
    /// <summary>The parts without the link, as <c>nb.html</c>; empty when every locale's HTML and text has it.</summary>
    public static IReadOnlyList<string> MissingIn(MessageTemplate template)
    {
        ArgumentNullException.ThrowIfNull(template);
        var missing = new List<string>();
        foreach (var (locale, content) in template.Locales.OrderBy(l => l.Key, StringComparer.Ordinal))
        {
            if (!Link().IsMatch(content.Html))
            {
                missing.Add($"{locale}.html");
            }

            if (!Link().IsMatch(content.Text))
            {
                missing.Add($"{locale}.text");
            }
        }

        return missing;
    }

    /// <summary>The variable inside a Scriban or Liquid expression (<c>{{ unsubscribe_url }}</c>, <c>{{ unsubscribe_url | raw }}</c>).</summary>
    [GeneratedRegex(@"\{\{[^}]*\bunsubscribe_url\b[^}]*\}\}")]
    private static partial Regex Link();
}
