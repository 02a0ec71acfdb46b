using System.Globalization;
using System.Net.Mail;

namespace FollowUp.Validation;

/// <summary>The formats the contract names: email addresses, BCP 47 language tags and IANA time zones.</summary>
public static class Formats
{
    public static bool IsEmail(string? text) =>
        text is { Length: > 0 and <= 254 }
        && !text.Any(char.IsControl)
        && MailAddress.TryCreate(text, out var address)
        && address.Address == text
        && address.DisplayName.Length == 0
        && text.Contains('.', StringComparison.Ordinal);

    /// <summary>
    /// An address as a person reads it: <see cref="IsEmail"/>, with no invisible character (a right-to-left override, a
    /// zero-width space) that would make it look like another address on a screen.
    /// </summary>
    public static bool IsReadableEmail(string? text) =>
        IsEmail(text) && !text!.Any(c => char.GetUnicodeCategory(c) is UnicodeCategory.Format or UnicodeCategory.SpaceSeparator or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator or UnicodeCategory.Surrogate or UnicodeCategory.PrivateUse);

    public static bool IsLocale(string? tag)
    {
        if (tag is null || tag.Length is < 2 or > 35 || !tag.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'))
        {
            return false;
        }

        try
        {
            var culture = CultureInfo.GetCultureInfo(tag, predefinedOnly: true);
            return !string.IsNullOrEmpty(culture.Name);
        }
        catch (CultureNotFoundException)
        {
            return false;
        }
    }

    public static bool IsTimeZone(string? id) =>
        id is { Length: > 0 and <= 64 }
        && (id.Contains('/', StringComparison.Ordinal) || id == "UTC")
        && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '/' or '_' or '-' or '+')
        && TimeZoneInfo.TryFindSystemTimeZoneById(id, out _);

    /// <summary>A value echoed in an error message, cut short so that an error can never be larger than a bound.</summary>
    public static string Quote(string? value, int max = 80) =>
        value is null ? "null" : value.Length <= max ? $"'{value}'" : $"'{value[..max]}…' ({value.Length} characters)";
}
