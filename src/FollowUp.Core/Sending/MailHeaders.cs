using System.Globalization;
using System.Text;

namespace FollowUp.Sending;

/// <summary>
/// Puts names and subjects, which come from customers and templates, into header fields so that they stay inside
/// their field: no line break or other control character survives, a name is one RFC 5322 mailbox however many
/// commas and angle brackets it holds, and non-ASCII text travels as RFC 2047 encoded-words.
/// </summary>
/// <remarks>
/// <see cref="System.Net.Mail.MailAddress"/> is no help here: its <c>ToString()</c> leaves CR/LF and raw UTF-8 in the
/// name and escapes <c>"</c> but not <c>\</c>, so a name ending in a backslash closes the quotes early and the rest of
/// the name is read as more recipients. The framework's RFC 2047 encoder is internal to <c>SmtpClient</c>.
/// </remarks>
internal static class MailHeaders
{
    /// <summary>
    /// The most characters kept of a name or subject. Mail programs show no more of a subject than this (Outlook keeps
    /// 255), and it keeps plain ASCII fields unfolded and still short of RFC 5322's hard limit of 998 octets a line: a
    /// name of nothing but characters that need escaping (2 × 255) plus the longest address (254) fits. The 78-character
    /// line RFC 5322 recommends is a "should"; encoded-words are folded to RFC 2047's limits below.
    /// </summary>
    public const int MaxLength = 255;

    // RFC 2047 section 2: an encoded-word is at most 75 characters, and a line that holds one at most 76.
    private const int MaxWordLength = 75;
    private const int MaxEncodedLineLength = 76;
    private const string WordStart = "=?utf-8?B?";
    private const string WordEnd = "?=";
    private const string Fold = "\r\n ";

    /// <summary>Replaces each run of whitespace and control characters with one space, trims, and cuts to <see cref="MaxLength"/>.</summary>
    public static string Clean(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return string.Empty;
        }

        var text = new StringBuilder(value.Length);
        var gap = false;
        foreach (var c in value)
        {
            if (char.IsWhiteSpace(c) || char.IsControl(c))
            {
                gap = text.Length > 0;
                continue;
            }

            if (gap)
            {
                text.Append(' ');
                gap = false;
            }

            text.Append(c);
        }

        return Truncate(text.ToString());
    }

    /// <summary>A whole address field, <c>To: display-name &lt;address&gt;</c>, folded where needed; no trailing CRLF.</summary>
    public static string Mailbox(string field, string address, string? displayName)
    {
        ArgumentException.ThrowIfNullOrEmpty(address);

        // Addresses are validated when events come in; this only guarantees nothing can leave the angle brackets. Spaces
        // can't, and a quoted local part ("kari nordmann"@example.no) may hold them.
        if (address.Any(c => char.IsControl(c) || c is '<' or '>'))
        {
            throw new ArgumentException("An address in a header must not contain control characters or angle brackets.", nameof(address));
        }

        var name = Clean(displayName);
        var prefix = field + ": ";
        var angleAddress = "<" + address + ">";
        if (name.Length == 0)
        {
            return prefix + angleAddress;
        }

        if (!NeedsEncoding(name))
        {
            return prefix + (name.All(c => c == ' ' || IsAtomText(c)) ? name : Quote(name)) + " " + angleAddress;
        }

        var words = EncodedWords(name, prefix.Length);
        var lastFold = words.LastIndexOf(Fold, StringComparison.Ordinal);
        var lastLine = lastFold < 0 ? prefix.Length + words.Length : words.Length - lastFold - 2;
        var separator = lastLine + 1 + angleAddress.Length <= MaxEncodedLineLength ? " " : Fold;
        return prefix + words + separator + angleAddress;
    }

    /// <summary>A whole unstructured field such as <c>Subject: text</c>, encoded and folded where needed; no trailing CRLF.</summary>
    public static string Unstructured(string field, string? value)
    {
        var text = Clean(value);
        var prefix = field + ": ";
        return prefix + (NeedsEncoding(text) ? EncodedWords(text, prefix.Length) : text);
    }

    // ASCII text holding "=?" is encoded too: left as it is, a mail program could decode it as an encoded-word and show
    // something other than what was written.
    private static bool NeedsEncoding(string text) =>
        !Ascii.IsValid(text) || text.Contains("=?", StringComparison.Ordinal);

    // RFC 5322 atext; a phrase of atoms and single spaces needs no quotes.
    private static bool IsAtomText(char c) =>
        char.IsAsciiLetterOrDigit(c) || "!#$%&'*+-/=?^_`{|}~".Contains(c, StringComparison.Ordinal);

    private static string Quote(string text) =>
        "\"" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";

    // Cuts between text elements, so an accent or an emoji sequence is kept whole or left out whole.
    private static string Truncate(string text)
    {
        if (text.Length <= MaxLength)
        {
            return text;
        }

        var end = 0;
        while (end < text.Length)
        {
            var next = end + StringInfo.GetNextTextElementLength(text, end);
            if (next > MaxLength)
            {
                break;
            }

            end = next;
        }

        // One text element longer than the limit (a letter under hundreds of combining marks) is cut between code points.
        if (end == 0)
        {
            end = char.IsHighSurrogate(text[MaxLength - 1]) ? MaxLength - 1 : MaxLength;
        }

        return text[..end].TrimEnd();
    }

    // Base64 encoded-words, as long as the line allows, each holding whole code points: RFC 2047 section 5 forbids
    // splitting a character between words, and mail programs decode each word on its own.
    private static string EncodedWords(string text, int column)
    {
        var result = new StringBuilder();
        var room = Math.Min(MaxWordLength, MaxEncodedLineLength - column);
        int start = 0, index = 0, bytes = 0;
        foreach (var rune in text.EnumerateRunes())
        {
            if (bytes > 0 && EncodedLength(bytes + rune.Utf8SequenceLength) > room)
            {
                result.Append(Word(text[start..index])).Append(Fold);
                room = MaxWordLength;
                start = index;
                bytes = 0;
            }

            bytes += rune.Utf8SequenceLength;
            index += rune.Utf16SequenceLength;
        }

        return result.Append(Word(text[start..])).ToString();
    }

    private static int EncodedLength(int bytes) => WordStart.Length + ((bytes + 2) / 3 * 4) + WordEnd.Length;

    private static string Word(string text) => WordStart + Convert.ToBase64String(Encoding.UTF8.GetBytes(text)) + WordEnd;
}
