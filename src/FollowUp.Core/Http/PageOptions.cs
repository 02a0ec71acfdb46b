namespace FollowUp.Http;

/// <summary>
/// How the customers' pages (answers, unsubscribe) look (<c>FollowUp:Pages</c>): the sender's name is
/// <c>FollowUp:SendGrid:FromName</c>; a logo and an accent colour make them the shop's.
/// </summary>
public sealed class PageOptions
{
    public const string SectionName = "FollowUp:Pages";

    /// <summary>An https address of the logo shown above each page; none by default.</summary>
    public string? LogoUrl { get; set; }

    /// <summary>The buttons' colour as <c>#rrggbb</c> (default <c>#1f5fc7</c>); white text on it must keep a contrast of 4.5:1.</summary>
    public string AccentColor { get; set; } = "#1f5fc7";

    /// <summary>The contrast of white text on <paramref name="color"/> (WCAG 2), or null when it is not <c>#rrggbb</c>.</summary>
    public static double? ContrastWithWhite(string? color)
    {
        if (color is not { Length: 7 } || color[0] != '#' || !int.TryParse(color.AsSpan(1), System.Globalization.NumberStyles.HexNumber, System.Globalization.CultureInfo.InvariantCulture, out var rgb))
        {
            return null;
        }

        static double Channel(int value)
        {
            var c = value / 255d;
            return c <= 0.04045 ? c / 12.92 : Math.Pow((c + 0.055) / 1.055, 2.4);
        }

        var luminance = (0.2126 * Channel((rgb >> 16) & 0xff)) + (0.7152 * Channel((rgb >> 8) & 0xff)) + (0.0722 * Channel(rgb & 0xff));
        return 1.05 / (luminance + 0.05);
    }
}
