using System.Net;
using FollowUp.Messages;

namespace FollowUp.Http;

/// <summary>The few pages a customer sees after clicking a link: short, in their language, and usable without scripts.</summary>
internal static class LinkPages
{
    /// <summary>
    /// What an answer link opens: the answer, and a button that sends it. A person's browser presses it by itself a
    /// moment after the page is shown (a link scanner that only fetches pages never does); without scripts, the button.
    /// </summary>
    public static string ConfirmAnswer(string? locale, string? mailLocale, string action, string answer, IReadOnlyList<Templates.AnswerChoice> choices, string nonce, PageBrand? brand = null)
    {
        var text = AnswerPageText.For(locale);
        var form = $"""<form id="confirm" method="post" action="{WebUtility.HtmlEncode(action)}"><button type="submit">{WebUtility.HtmlEncode(text.ConfirmButton)}</button></form>"""
            + $$"""<script nonce="{{nonce}}">if(document.visibilityState==='visible'){setTimeout(function(){document.getElementById('confirm').submit();},400);}</script>""";
        return Page(text.Lang, text.ConfirmTitle, string.Format(System.Globalization.CultureInfo.InvariantCulture, text.ConfirmText, AnswerLabels.For(text.Lang, answer, choices, mailLocale)), form, brand);
    }

    /// <summary>
    /// The thanks after an answer, with a form to change it to another the mail offered (when the mail offered more than
    /// one) and to add or change a comment.
    /// </summary>
    public static string Thanks(string? locale, string? mailLocale, string answer, IReadOnlyList<Templates.AnswerChoice> choices, string? comment, bool again, bool commented, string action, PageBrand? brand = null)
    {
        var text = AnswerPageText.For(locale);
        var said = again && !commented ? text.Again : string.Format(System.Globalization.CultureInfo.InvariantCulture, text.ThanksText, AnswerLabels.For(text.Lang, answer, choices, mailLocale));
        var extra = commented ? $"<p>{WebUtility.HtmlEncode(text.Commented)}</p>" : string.Empty;
        var change = string.Empty;
        if (choices.Count > 1)
        {
            // A scale's numbers sit side by side, as they did in the mail; worded answers one under the other.
            var scale = choices.All(choice => Links.AnswerScore.Of(choice.Answer) is not null && choice.Label is null);
            // A scale shows its bare numbers and says them in full to a screen reader ("9 av 10"), as the mail's links did.
            string Label(Templates.AnswerChoice choice)
            {
                var words = WebUtility.HtmlEncode(AnswerLabels.For(text.Lang, choice.Answer, choices, mailLocale));
                return scale
                    ? $"<span aria-hidden=\"true\">{Links.AnswerScore.Of(choice.Answer)!.Value.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)}</span><span class=\"sr\">{words}</span>"
                    : words;
            }

            var options = string.Concat(choices.Select((choice, i) =>
                $"""<label><input type="radio" name="answer" id="answer-{i}" value="{WebUtility.HtmlEncode(choice.Answer)}"{(choice.Answer == answer ? " checked" : string.Empty)}><span>{Label(choice)}</span></label>"""));
            var layout = scale ? " class=\"scale\"" : string.Empty;
            change = $"""<fieldset{layout}><legend>{WebUtility.HtmlEncode(text.ChangeLegend)}</legend>{options}</fieldset>""";
        }

        var form = $"""<form method="post" action="{WebUtility.HtmlEncode(action)}">{change}<label for="comment">{WebUtility.HtmlEncode(text.CommentLabel)}</label><textarea id="comment" name="comment" rows="4" maxlength="{MessageEntity.MaxCommentLength}">{WebUtility.HtmlEncode(comment ?? string.Empty)}</textarea><button type="submit">{WebUtility.HtmlEncode(text.SaveButton)}</button></form>""";
        var hint = choices.Count > 1 ? string.Empty : $"<p class=\"hint\">{WebUtility.HtmlEncode(text.ChangeHint)}</p>";
        return Page(text.Lang, text.ThanksTitle, said, extra + form + hint, brand);
    }

    public static string AnswerRefused() =>
        Page("en", "This answer is not one of the choices", "Please choose one of the answers in the email. / Velg et av svarene i e-posten.");

    /// <summary>The form's value for each scope, as the page posts it, in the order the page lists them.</summary>
    private static readonly (UnsubscribeScope Scope, string Value)[] Choices =
    [
        (UnsubscribeScope.Marketing, "marketing"),
        (UnsubscribeScope.MarketingAndFeedback, "marketing-and-feedback"),
        (UnsubscribeScope.Everything, "everything"),
    ];

    public static UnsubscribeScope? ScopeOf(string? value) =>
        Choices.FirstOrDefault(choice => choice.Value == value) is { Value: not null } found ? found.Scope : null;

    public static string ConfirmUnsubscribe(string? locale, string action, UnsubscribeScope preselected, PageBrand? brand = null)
    {
        var text = UnsubscribePageText.For(locale);
        var options = string.Concat(Choices.Select((choice, i) =>
            $"""<label><input type="radio" name="scope" value="{choice.Value}"{(choice.Scope == preselected ? " checked" : string.Empty)}><span>{WebUtility.HtmlEncode(text.Choices[i])}</span></label>"""));
        var form = $"""<form method="post" action="{WebUtility.HtmlEncode(action)}"><fieldset><legend>{WebUtility.HtmlEncode(text.Legend)}</legend>{options}</fieldset><button type="submit">{WebUtility.HtmlEncode(text.Button)}</button></form>""";
        return Page(text.Lang, text.Title, text.Intro, form, brand);
    }

    public static string Unsubscribed(string? locale, UnsubscribeScope scope, PageBrand? brand = null)
    {
        var text = UnsubscribePageText.For(locale);
        var (title, said) = text.Done[Array.FindIndex(Choices, choice => choice.Scope == scope)];
        return Page(text.Lang, title, said, brand: brand);
    }

    public static string CommentRefused() =>
        Page("en", "The comment is too long", $"Please keep it to {MessageEntity.MaxCommentLength} characters and send it again. / Kommentaren er for lang: høyst {MessageEntity.MaxCommentLength} tegn.");

    public static string Invalid() =>
        Page("en", "This link is not valid", "The link may have been cut off or changed. Please use the link from the email exactly as it is. / Lenken er ikke gyldig.");

    public static string NotFound() =>
        Page("en", "This link has expired", "We no longer have the message this link belongs to. / Denne lenken er utløpt.");


    private static string Page(string lang, string title, string text, string extra = "", PageBrand? brand = null) =>
        $$"""
        <!doctype html>
        <html lang="{{lang}}">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta name="robots" content="noindex">
        <title>{{WebUtility.HtmlEncode(title)}}</title>
        <style>body{font-family:system-ui,sans-serif;max-width:32rem;margin:4rem auto;padding:0 1rem;color:#1f2933;line-height:1.5}h1{font-size:1.5rem}button{font:inherit;padding:.6rem 1.2rem;border-radius:.4rem;border:0;background:{{brand?.Accent ?? PageBrand.DefaultAccent}};color:#fff;cursor:pointer}.brand{display:flex;align-items:center;gap:.75rem;margin-bottom:2rem;font-weight:600;color:#3e4c59}.brand img{max-height:48px;max-width:12rem}button:focus-visible,input:focus-visible,textarea:focus-visible{outline:3px solid #0b3d91;outline-offset:2px}fieldset{border:0;padding:0;margin:0 0 1.2rem}legend{font-weight:600;margin-bottom:.5rem}label{display:flex;gap:.6rem;align-items:flex-start;padding:.4rem 0;cursor:pointer}textarea{display:block;width:100%;box-sizing:border-box;font:inherit;padding:.5rem;border:1px solid #52606d;border-radius:.4rem;margin:.3rem 0 1rem}.hint{color:#3e4c59;font-size:.9rem}input[type=radio]{margin-top:.3rem;width:1.1rem;height:1.1rem}.scale{display:flex;flex-wrap:wrap;gap:.25rem .9rem}.scale legend{width:100%}.sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}</style>
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
