using System.Net;
using FollowUp.Sending;

namespace FollowUp.Http;

/// <summary>Whose page it is: the sender's name, logo and accent colour, from configuration.</summary>
internal sealed record PageBrand(string Name, string? LogoUrl, string Accent)
{
    public const string DefaultAccent = "#1f5fc7";

    public static PageBrand From(SendGridOptions sender, PageOptions pages) =>
        new(sender.FromName, string.IsNullOrWhiteSpace(pages.LogoUrl) ? null : pages.LogoUrl, PageOptions.ContrastWithWhite(pages.AccentColor) is >= 4.5 ? pages.AccentColor : DefaultAccent);

    /// <summary>The logo's origin, which the page's Content-Security-Policy lets images come from; null without a logo.</summary>
    public string? LogoOrigin => LogoUrl is not null && Uri.TryCreate(LogoUrl, UriKind.Absolute, out var logo) ? logo.GetLeftPart(UriPartial.Authority) : null;

    public string Header() => LogoUrl is null
        ? $"<div class=\"brand\">{WebUtility.HtmlEncode(Name)}</div>"
        : $"<div class=\"brand\"><img src=\"{WebUtility.HtmlEncode(LogoUrl)}\" alt=\"{WebUtility.HtmlEncode(Name)}\"></div>";
}
