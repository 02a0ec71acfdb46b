using System.Net;

namespace FollowUp.Http;

/// <summary>The few pages a customer sees after clicking a link: short, in their language, and usable without scripts.</summary>
internal static class LinkPages
{
    public static bool IsNorwegian(string? locale) =>
        locale is not null && (locale.StartsWith("nb", StringComparison.OrdinalIgnoreCase) || locale.StartsWith("nn", StringComparison.OrdinalIgnoreCase) || locale.StartsWith("no", StringComparison.OrdinalIgnoreCase));

    public static string Thanks(string? locale, bool again) => IsNorwegian(locale)
        ? Page("nb", "Takk for svaret!", again ? "Vi hadde allerede fått svaret ditt. Takk igjen!" : "Svaret ditt er registrert. Det hjelper oss å bli bedre.")
        : Page("en", "Thank you for your answer!", again ? "We already had your answer. Thank you again!" : "Your answer has been recorded. It helps us get better.");

    public static string ConfirmUnsubscribe(string? locale, string action) => IsNorwegian(locale)
        ? Page("nb", "Avslutte e-poster fra oss?", "Trykk på knappen for å slutte å motta oppfølgings-e-post fra oss.", Form(action, "Meld meg av"))
        : Page("en", "Stop emails from us?", "Press the button to stop receiving follow-up emails from us.", Form(action, "Unsubscribe"));

    public static string Unsubscribed(string? locale) => IsNorwegian(locale)
        ? Page("nb", "Du er meldt av", "Du får ikke flere oppfølgings-e-poster fra oss. Planlagte e-poster er stoppet.")
        : Page("en", "You are unsubscribed", "You will not get any more follow-up emails from us. Scheduled emails have been stopped.");

    public static string Invalid() =>
        Page("en", "This link is not valid", "The link may have been cut off or changed. Please use the link from the email exactly as it is. / Lenken er ikke gyldig.");

    public static string NotFound() =>
        Page("en", "This link has expired", "We no longer have the message this link belongs to. / Denne lenken er utløpt.");

    private static string Form(string action, string label) =>
        $"""<form method="post" action="{WebUtility.HtmlEncode(action)}"><input type="hidden" name="List-Unsubscribe" value="One-Click"><button type="submit">{WebUtility.HtmlEncode(label)}</button></form>""";

    private static string Page(string lang, string title, string text, string extra = "") =>
        $$"""
        <!doctype html>
        <html lang="{{lang}}">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta name="robots" content="noindex">
        <title>{{WebUtility.HtmlEncode(title)}}</title>
        <style>body{font-family:system-ui,sans-serif;max-width:32rem;margin:4rem auto;padding:0 1rem;color:#1f2933;line-height:1.5}h1{font-size:1.5rem}button{font:inherit;padding:.6rem 1.2rem;border-radius:.4rem;border:0;background:#1f6feb;color:#fff;cursor:pointer}</style>
        </head>
        <body>
        <h1>{{WebUtility.HtmlEncode(title)}}</h1>
        <p>{{WebUtility.HtmlEncode(text)}}</p>
        {{extra}}
        </body>
        </html>
        """;
}
