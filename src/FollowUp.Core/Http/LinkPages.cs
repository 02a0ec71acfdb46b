using System.Net;
using FollowUp.Messages;

namespace FollowUp.Http;

/// <summary>The few pages a customer sees after clicking a link: short, in their language, and usable without scripts.</summary>
internal static class LinkPages
{
    public static bool IsNorwegian(string? locale) =>
        locale is not null && (locale.StartsWith("nb", StringComparison.OrdinalIgnoreCase) || locale.StartsWith("nn", StringComparison.OrdinalIgnoreCase) || locale.StartsWith("no", StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// What an answer link opens: the answer, and a button that sends it. A person's browser presses it by itself a
    /// moment after the page is shown (a link scanner that only fetches pages never does); without scripts, the button.
    /// </summary>
    public static string ConfirmAnswer(string? locale, string action, string answer, string nonce, PageBrand? brand = null)
    {
        var text = AnswerPageText.For(locale);
        var form = $"""<form id="confirm" method="post" action="{WebUtility.HtmlEncode(action)}"><button type="submit">{WebUtility.HtmlEncode(text.ConfirmButton)}</button></form>"""
            + $$"""<script nonce="{{nonce}}">if(document.visibilityState==='visible'){setTimeout(function(){document.getElementById('confirm').submit();},400);}</script>""";
        return Page(text.Lang, text.ConfirmTitle, string.Format(System.Globalization.CultureInfo.InvariantCulture, text.ConfirmText, answer), form, brand);
    }

    /// <summary>The thanks after an answer, with a box for a comment (until one is sent).</summary>
    public static string Thanks(string? locale, string answer, bool again, bool commented, string action, PageBrand? brand = null)
    {
        var text = AnswerPageText.For(locale);
        var said = again && !commented ? text.Again : string.Format(System.Globalization.CultureInfo.InvariantCulture, text.ThanksText, answer);
        var extra = commented
            ? $"<p>{WebUtility.HtmlEncode(text.Commented)}</p>"
            : $"""<form method="post" action="{WebUtility.HtmlEncode(action)}"><label for="comment">{WebUtility.HtmlEncode(text.CommentLabel)}</label><textarea id="comment" name="comment" rows="4" maxlength="{MessageEntity.MaxCommentLength}"></textarea><button type="submit">{WebUtility.HtmlEncode(text.CommentButton)}</button></form>""";
        return Page(text.Lang, text.ThanksTitle, said, extra + $"<p class=\"hint\">{WebUtility.HtmlEncode(text.ChangeHint)}</p>", brand);
    }

    /// <summary>The form's value for each scope, as the page posts it.</summary>
    private static readonly (UnsubscribeScope Scope, string Value, string Nb, string En)[] Choices =
    [
        (UnsubscribeScope.Marketing, "marketing", "Bare tilbud og markedsføring", "Offers and marketing only"),
        (UnsubscribeScope.MarketingAndFeedback, "marketing-and-feedback", "Tilbud og spørsmål om hva jeg synes (anmeldelser, undersøkelser)", "Offers, and questions about what I think (reviews, surveys)"),
        (UnsubscribeScope.Everything, "everything", "All e-post fra dere, også om bestillingene mine", "All email from you, including notes about my orders"),
    ];

    public static UnsubscribeScope? ScopeOf(string? value) =>
        Choices.FirstOrDefault(choice => choice.Value == value) is { Value: not null } found ? found.Scope : null;

    public static string ConfirmUnsubscribe(string? locale, string action, UnsubscribeScope preselected) => IsNorwegian(locale)
        ? Page("nb", "Hva vil du ikke lenger få?", "Velg hva du vil slutte å få fra oss, og trykk på knappen.", Choose(action, preselected, "Jeg vil ikke lenger få", choice => choice.Nb, "Meld meg av"))
        : Page("en", "What would you like to stop?", "Choose what you no longer want from us, and press the button.", Choose(action, preselected, "I no longer want", choice => choice.En, "Unsubscribe"));

    public static string Unsubscribed(string? locale, UnsubscribeScope scope) => (IsNorwegian(locale), scope) switch
    {
        (true, UnsubscribeScope.Marketing) => Page("nb", "Du er meldt av tilbud", "Du får ikke flere tilbud fra oss. Vi skriver fortsatt om bestillingene dine, og kan spørre hva du synes om dem."),
        (true, UnsubscribeScope.MarketingAndFeedback) => Page("nb", "Du er meldt av", "Du får ikke flere tilbud eller spørsmål fra oss, bare e-post om bestillingene dine. Planlagte e-poster av den typen er stoppet."),
        (true, _) => Page("nb", "Du er meldt av", "Du får ikke flere oppfølgings-e-poster fra oss. Planlagte e-poster er stoppet."),
        (false, UnsubscribeScope.Marketing) => Page("en", "You are unsubscribed from offers", "You will get no more offers from us. We will still write about your orders, and may ask what you think of them."),
        (false, UnsubscribeScope.MarketingAndFeedback) => Page("en", "You are unsubscribed", "You will get no more offers or questions from us, only emails about your orders. Scheduled emails of that kind have been stopped."),
        _ => Page("en", "You are unsubscribed", "You will not get any more follow-up emails from us. Scheduled emails have been stopped."),
    };

    public static string CommentRefused() =>
        Page("en", "The comment is too long", $"Please keep it to {MessageEntity.MaxCommentLength} characters and send it again. / Kommentaren er for lang: høyst {MessageEntity.MaxCommentLength} tegn.");

    public static string Invalid() =>
        Page("en", "This link is not valid", "The link may have been cut off or changed. Please use the link from the email exactly as it is. / Lenken er ikke gyldig.");

    public static string NotFound() =>
        Page("en", "This link has expired", "We no longer have the message this link belongs to. / Denne lenken er utløpt.");

    private static string Choose(string action, UnsubscribeScope preselected, string legend, Func<(UnsubscribeScope Scope, string Value, string Nb, string En), string> label, string button)
    {
        var options = string.Concat(Choices.Select(choice =>
            $"""<label><input type="radio" name="scope" value="{choice.Value}"{(choice.Scope == preselected ? " checked" : string.Empty)}><span>{WebUtility.HtmlEncode(label(choice))}</span></label>"""));
        return $"""<form method="post" action="{WebUtility.HtmlEncode(action)}"><fieldset><legend>{WebUtility.HtmlEncode(legend)}</legend>{options}</fieldset><button type="submit">{WebUtility.HtmlEncode(button)}</button></form>""";
    }

    private static string Page(string lang, string title, string text, string extra = "", PageBrand? brand = null) =>
        $$"""
        <!doctype html>
        <html lang="{{lang}}">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta name="robots" content="noindex">
        <title>{{WebUtility.HtmlEncode(title)}}</title>
        <style>body{font-family:system-ui,sans-serif;max-width:32rem;margin:4rem auto;padding:0 1rem;color:#1f2933;line-height:1.5}h1{font-size:1.5rem}button{font:inherit;padding:.6rem 1.2rem;border-radius:.4rem;border:0;background:{{brand?.Accent ?? PageBrand.DefaultAccent}};color:#fff;cursor:pointer}.brand{display:flex;align-items:center;gap:.75rem;margin-bottom:2rem;font-weight:600;color:#3e4c59}.brand img{max-height:48px;max-width:12rem}button:focus-visible,input:focus-visible,textarea:focus-visible{outline:3px solid #0b3d91;outline-offset:2px}fieldset{border:0;padding:0;margin:0 0 1.2rem}legend{font-weight:600;margin-bottom:.5rem}label{display:flex;gap:.6rem;align-items:flex-start;padding:.4rem 0;cursor:pointer}textarea{display:block;width:100%;box-sizing:border-box;font:inherit;padding:.5rem;border:1px solid #52606d;border-radius:.4rem;margin:.3rem 0 1rem}.hint{color:#3e4c59;font-size:.9rem}input[type=radio]{margin-top:.3rem;width:1.1rem;height:1.1rem}</style>
        </head>
        <body>
        {{brand?.Header() ?? string.Empty}}
        <h1>{{WebUtility.HtmlEncode(title)}}</h1>
        <p>{{WebUtility.HtmlEncode(text)}}</p>
        {{extra}}
        </body>
        </html>
        """;
}
