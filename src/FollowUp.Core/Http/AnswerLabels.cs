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
        ["nb"] = new(StringComparer.Ordinal) { ["price"] = "Pris", ["product-fit"] = "Produktet passet ikke helt", ["timing"] = "Tidspunktet passet ikke", ["competitor"] = "Vi valgte en annen leverandør", ["service"] = "Oppfølgingen fra oss", ["other"] = "Noe annet", ["rating"] = "{0} av 5" },
        ["nn"] = new(StringComparer.Ordinal) { ["price"] = "Pris", ["product-fit"] = "Produktet passa ikkje heilt", ["timing"] = "Tidspunktet passa ikkje", ["competitor"] = "Vi valde ein annan leverandør", ["service"] = "Oppfølginga frå oss", ["other"] = "Noko anna", ["rating"] = "{0} av 5" },
        ["da"] = new(StringComparer.Ordinal) { ["price"] = "Pris", ["product-fit"] = "Produktet passede ikke helt", ["timing"] = "Tidspunktet passede ikke", ["competitor"] = "Vi valgte en anden leverandør", ["service"] = "Vores opfølgning og service", ["other"] = "Noget andet", ["rating"] = "{0} ud af 5" },
        ["sv"] = new(StringComparer.Ordinal) { ["price"] = "Pris", ["product-fit"] = "Produkten passade inte riktigt", ["timing"] = "Tidpunkten passade inte", ["competitor"] = "Vi valde en annan leverantör", ["service"] = "Vår uppföljning och service", ["other"] = "Något annat", ["rating"] = "{0} av 5" },
        ["en"] = new(StringComparer.Ordinal) { ["price"] = "Price", ["product-fit"] = "The product was not quite the right fit", ["timing"] = "The timing was not right", ["competitor"] = "We chose another supplier", ["service"] = "Our follow-up and service", ["other"] = "Something else", ["rating"] = "{0} of 5" },
    };

    public static string For(string lang, string answer)
    {
        var labels = Labels.GetValueOrDefault(lang) ?? Labels["en"];
        if (answer.StartsWith("rating-", StringComparison.Ordinal) && int.TryParse(answer.AsSpan(7), NumberStyles.None, CultureInfo.InvariantCulture, out var stars) && stars is >= 1 and <= 5)
        {
            return string.Format(CultureInfo.InvariantCulture, labels["rating"], stars);
        }

        return labels.GetValueOrDefault(answer) ?? answer;
    }
}
