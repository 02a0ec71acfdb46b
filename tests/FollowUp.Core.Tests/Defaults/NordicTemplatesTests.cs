using FollowUp.Defaults;
using FollowUp.Events;
using FollowUp.Templates;
using FollowUp.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace FollowUp.Core.Tests.Defaults;

/// <summary>Every default template written out in Nynorsk, Danish and Swedish, not falling back to Bokmål or English.</summary>
public class NordicTemplatesTests
{
    public static TheoryData<string, string, string> Phrases => new()
    {
        { "thank-you", "nn-NO", "Vi seier frå så snart pakken er på veg. Er det noko som ikkje stemmer" },
        { "thank-you", "da-DK", "Vi giver besked, så snart pakken er på vej." },
        { "thank-you", "sv-SE", "Vi hör av oss så fort paketet är på väg." },
        { "review-request", "nn-NO", "Kor nøgd er du? Eitt klikk er nok:" },
        { "review-request", "da-DK", "Hvor tilfreds er du? Et enkelt klik er nok:" },
        { "review-request", "sv-SE", "Hur nöjd är du? Ett klick räcker:" },
        { "loyalty-reward", "nn-NO", "Dette er 3. gong du handlar hos oss" },
        { "loyalty-reward", "da-DK", "Det er 3. gang, du handler hos os" },
        { "loyalty-reward", "sv-SE", "Nu har du handlat hos oss 3 gånger" },
        { "lost-sale-survey", "nn-NO", "Eg forstår at valet fall på noko anna denne gongen, og det er heilt i orden." },
        { "lost-sale-survey", "da-DK", "Jeg forstår godt, at valget faldt på noget andet denne gang" },
        { "lost-sale-survey", "sv-SE", "Jag förstår att valet föll på något annat den här gången" },
        { "while-you-wait", "nn-NO", "Du treng ikkje gjere noko før pakken kjem." },
        { "while-you-wait", "da-DK", "Du behøver ikke at gøre noget, før pakken kommer." },
        { "while-you-wait", "sv-SE", "Du behöver inte göra något innan paketet kommer." },
        { "nps-question", "nn-NO", "Kor sannsynleg er det at du vil tilrå Tebutikken" },
        { "nps-question", "da-DK", "Hvor sandsynligt er det, at du vil anbefale Tebutikken" },
        { "nps-question", "sv-SE", "Hur troligt är det att du skulle rekommendera Tebutikken" },
    };

    [Theory]
    [MemberData(nameof(Phrases))]
    public async Task Render_DefaultTemplate_IsWrittenInTheCustomersOwnLanguage(string templateId, string locale, string phrase)
    {
        var rendered = await RenderAsync(templateId, locale);
        var lang = locale[..2];

        Assert.Equal(lang, rendered.Locale);
        Assert.Contains(phrase, rendered.Text, StringComparison.Ordinal);
        Assert.Contains(phrase, rendered.Html, StringComparison.Ordinal);
        Assert.Contains($"<html lang=\"{lang}\">", rendered.Html, StringComparison.Ordinal);
        Assert.Contains($"{PipelineHarness.PublicBaseUrl}/u/", rendered.Text, StringComparison.Ordinal);
        Assert.Contains($"{PipelineHarness.PublicBaseUrl}/u/", rendered.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("Unsubscribe", rendered.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("{{", rendered.Subject + rendered.Html + rendered.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("nn-NO", "Vil du ikkje ha slike e-postar? Meld deg av her: ", "fordi du har vore i kontakt med Tebutikken", "Meld deg av</a>")]
    [InlineData("da-DK", "Vil du ikke have mails som denne? Afmeld dig her: ", "fordi du har været i kontakt med Tebutikken", "Afmeld</a>")]
    [InlineData("sv-SE", "Vill du inte få fler mejl som det här? Avregistrera dig här: ", "eftersom du har varit i kontakt med Tebutikken", "Avregistrera dig</a>")]
    public async Task Render_EveryDefaultTemplate_EndsWithTheUnsubscribeLineInItsLanguage(string locale, string textLine, string footer, string footerLink)
    {
        foreach (var template in DefaultTemplates.All.Where(t => t.Kind == TemplateKind.Message))
        {
            var rendered = await RenderAsync(template.Id, locale);

            var lastLine = rendered.Text.TrimEnd().Split('\n')[^1];
            Assert.StartsWith(textLine + PipelineHarness.PublicBaseUrl + "/u/", lastLine, StringComparison.Ordinal);
            Assert.Contains(footer, rendered.Html, StringComparison.Ordinal);
            Assert.Contains(footerLink, rendered.Html, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("nn-NO", "Pris", "Produktet passa ikkje heilt", "Vi valde ein annan leverandør", "5 av 5 stjerner", "9 av 10")]
    [InlineData("da-DK", "Pris", "Produktet passede ikke helt", "Vi valgte en anden leverandør", "5 ud af 5 stjerner", "9 ud af 10")]
    [InlineData("sv-SE", "Pris", "Produkten passade inte riktigt", "Vi valde en annan leverantör", "5 av 5 stjärnor", "9 av 10")]
    public async Task Render_AnswersAndLabels_AreInTheCustomersLanguage(string locale, string price, string productFit, string competitor, string fiveStars, string nine)
    {
        var lost = await RenderAsync("lost-sale-survey", locale);
        var review = await RenderAsync("review-request", locale);
        var nps = await RenderAsync("nps-question", locale);

        Assert.Contains($">{price}</a>", lost.Html, StringComparison.Ordinal);
        Assert.Contains($">{productFit}</a>", lost.Html, StringComparison.Ordinal);
        Assert.Contains($"{competitor}: {PipelineHarness.PublicBaseUrl}/r/", lost.Text, StringComparison.Ordinal);
        Assert.Contains($"aria-label=\"{fiveStars}\"", review.Html, StringComparison.Ordinal);
        Assert.Contains($"aria-label=\"{nine}\"", nps.Html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("nn-NO", "Venta levert: tysdag 24. november 2026")]
    [InlineData("da-DK", "Forventet levering: tirsdag den 24. november 2026")]
    [InlineData("sv-SE", "Beräknad leverans: tisdag 24 november 2026")]
    public async Task Render_WhileYouWait_WritesTheDateInTheSameLanguage(string locale, string line)
    {
        var rendered = await RenderAsync("while-you-wait", locale);

        Assert.Contains(line, rendered.Text, StringComparison.Ordinal);
    }

    internal static async Task<RenderedContent> RenderAsync(string templateId, string locale)
    {
        await using var harness = await PipelineHarness.CreateAsync(seedDefaults: false);
        var trigger = DefaultRules.All.First(rule => rule.TemplateId == templateId).Trigger;
        var sample = SampleEvents.For(trigger);
        var model = MessageModel.Create(sample.Event, sample.Customer, PipelineHarness.Start);
        if (trigger == EventTypes.OrderDelivered)
        {
            model["order"]!["reviewUrl"] = "https://anmeldelser.example.com/tebutikken";
        }

        return harness.Services.GetRequiredService<TemplateRenderer>().Render(
            DefaultTemplates.All.Single(t => t.Id == templateId),
            new RenderRequest("m-1", locale, model, CouponCode: "TAKK-7Q2F", RuleId: templateId),
            pieces: DefaultTemplates.All.Where(t => t.Kind != TemplateKind.Message).ToDictionary(t => t.Id));
    }
}
