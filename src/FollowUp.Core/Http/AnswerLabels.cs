using System.Globalization;

namespace FollowUp.Http;

/// <summary>
/// The default templates' answers as their links read, in the page's language, so that the page says "Pris", not
/// <c>price</c>. An answer of a template of your own is shown as it is.
/// </summary>
internal static class AnswerLabels
{
    private static readonly Dictionary<string, Dictionary<string, string>> Labels = new(StringComparer.Ordinal)
    {
        ["nb"] = new(StringComparer.Ordinal) { ["price"] = "Pris", ["product-fit"] = "Produktet passet ikke helt", ["timing"] = "Tidspunktet passet ikke", ["competitor"] = "Vi valgte en annen leverandør", ["service"] = "Oppfølgingen fra oss", ["other"] = "Noe annet", ["rating"] = "{0} av 5", ["nps"] = "{0} av 10" },
        ["nn"] = new(StringComparer.Ordinal) { ["price"] = "Pris", ["product-fit"] = "Produktet passa ikkje heilt", ["timing"] = "Tidspunktet passa ikkje", ["competitor"] = "Vi valde ein annan leverandør", ["service"] = "Oppfølginga frå oss", ["other"] = "Noko anna", ["rating"] = "{0} av 5", ["nps"] = "{0} av 10" },
        ["da"] = new(StringComparer.Ordinal) { ["price"] = "Pris", ["product-fit"] = "Produktet passede ikke helt", ["timing"] = "Tidspunktet passede ikke", ["competitor"] = "Vi valgte en anden leverandør", ["service"] = "Vores opfølgning og service", ["other"] = "Noget andet", ["rating"] = "{0} ud af 5", ["nps"] = "{0} ud af 10" },
        ["sv"] = new(StringComparer.Ordinal) { ["price"] = "Pris", ["product-fit"] = "Produkten passade inte riktigt", ["timing"] = "Tidpunkten passade inte", ["competitor"] = "Vi valde en annan leverantör", ["service"] = "Vår uppföljning och service", ["other"] = "Något annat", ["rating"] = "{0} av 5", ["nps"] = "{0} av 10" },
        ["en"] = new(StringComparer.Ordinal) { ["price"] = "Price", ["product-fit"] = "The product was not quite the right fit", ["timing"] = "The timing was not right", ["competitor"] = "We chose another supplier", ["service"] = "Our follow-up and service", ["other"] = "Something else", ["rating"] = "{0} of 5", ["nps"] = "{0} of 10" },
    };

    /// <summary>
    /// The words for an answer: the mail's own when its template gave them in the page's language, else the defaults'
    /// in the page's language (a Danish customer who got the English mail still gets a Danish page), else the mail's
    /// words in its language, else the answer itself.
    /// </summary>
    /// <param name="lang">The page's language.</param>
    /// <param name="answer">The answer.</param>
    /// <param name="choices">The answers the mail offered, with its words.</param>
    /// <param name="mailLocale">The locale the mail was written in, when known.</param>
    public static string For(string lang, string answer, IReadOnlyList<Templates.AnswerChoice> choices, string? mailLocale)
    {
        var label = choices.FirstOrDefault(choice => choice.Answer == answer)?.Label;
        if (label is not null && (mailLocale is null || AnswerPageText.For(mailLocale).Lang == lang))
        {
            return label;
        }

        var labels = Labels.GetValueOrDefault(lang) ?? Labels["en"];
        if (Links.AnswerScore.Of(answer) is { } score)
        {
            return string.Format(CultureInfo.InvariantCulture, labels[score.Scale == Links.AnswerScore.Nps ? "nps" : "rating"], score.Value);
        }

        return labels.GetValueOrDefault(answer) ?? label ?? answer;
    }
}
