using System.Text.RegularExpressions;

namespace FollowUp.Telemetry;

/// <summary>
/// Keeps personal data out of what FollowUp writes down about failures: logs and the reasons stored with messages.
/// Error texts come from places we do not control (a template engine, a provider's answer, a .NET format error) and
/// may quote the customer's address or name, so every such text passes through here.
/// </summary>
public static partial class Redaction
{
    public const string Mask = "[redacted]";

    /// <summary>Longer texts are cut first: no stored reason needs more, and the scan stays cheap.</summary>
    public const int MaxLength = 2000;

    /// <summary>
    /// Replaces each given personal value, each word of it (a first name quoted alone), and anything shaped like an
    /// email address with <see cref="Mask"/>.
    /// </summary>
    public static string Scrub(string text, params ReadOnlySpan<string?> personal)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length > MaxLength)
        {
            text = text[..MaxLength] + "…";
        }

        foreach (var value in personal)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                continue;
            }

            foreach (var part in value.Split(' ', StringSplitOptions.RemoveEmptyEntries).Prepend(value).Where(part => part.Length >= 3))
            {
                text = text.Replace(part, Mask, StringComparison.OrdinalIgnoreCase);
            }
        }

        try
        {
            return EmailLike().Replace(text, Mask);
        }
        catch (RegexMatchTimeoutException)
        {
            // Text too odd to scan in time is not worth the risk of keeping.
            return Mask;
        }
    }

    [GeneratedRegex(@"[^\s<>""'(),;:]+@[^\s<>""'(),;:]+\.[A-Za-z]{2,}", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex EmailLike();
}
