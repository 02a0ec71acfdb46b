using System.Net.Mail;
using System.Net.Mime;

namespace FollowUp.Core.Tests.Sending;

/// <summary>Reads a written message back the way a mail program would, with the framework's own parsers where it has them.</summary>
internal static class Eml
{
    /// <summary>The header fields in order, values still folded; fails unless every line is a field or a continuation.</summary>
    public static IReadOnlyList<(string Name, string Value)> Headers(string eml)
    {
        var end = eml.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        Assert.True(end > 0, "the header block ends with an empty line");
        var fields = new List<(string Name, string Value)>();
        foreach (var line in eml[..end].Split("\r\n"))
        {
            Assert.DoesNotContain('\r', line);
            Assert.DoesNotContain('\n', line);
            if (line.StartsWith(' ') || line.StartsWith('\t'))
            {
                Assert.NotEmpty(fields);
                fields[^1] = (fields[^1].Name, fields[^1].Value + "\r\n" + line);
                continue;
            }

            var colon = line.IndexOf(':', StringComparison.Ordinal);
            Assert.True(colon > 0 && line[..colon].All(c => c is > ' ' and <= '~'), $"'{line}' starts a header field");
            fields.Add((line[..colon], line[(colon + 1)..].TrimStart(' ')));
        }

        return fields;
    }

    /// <summary>Splits a whole field as <c>MailHeaders</c> writes it into its value.</summary>
    public static string Value(string field, string name)
    {
        Assert.StartsWith(name + ": ", field, StringComparison.Ordinal);
        return field[(name.Length + 2)..];
    }

    /// <summary>Parses an address field as a list, the way a mail program does, and requires exactly one address in it.</summary>
    public static MailAddress SingleMailbox(string value)
    {
        var list = new MailAddressCollection { value.Replace("\r\n", string.Empty, StringComparison.Ordinal) };
        return Assert.Single(list);
    }

    /// <summary>
    /// Decodes RFC 2047 encoded-words with the framework's decoder (behind <see cref="ContentType.Name"/>), which decodes
    /// each word on its own, so a character split between words comes out as U+FFFD and fails the comparison.
    /// </summary>
    public static string DecodeWords(string words)
    {
        var folded = string.Join("\r\n ", words.Split([' ', '\r', '\n'], StringSplitOptions.RemoveEmptyEntries));
        Assert.Matches(@"^=\?utf-8\?B\?", folded);
        return new ContentType($"text/plain; name=\"{folded}\"").Name!;
    }
}
