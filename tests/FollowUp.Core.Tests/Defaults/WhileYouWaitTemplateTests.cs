using FollowUp.Defaults;
using FollowUp.Events;
using FollowUp.Templates;
using FollowUp.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace FollowUp.Core.Tests.Defaults;

/// <summary>The default while-you-wait template as a customer reads it, with and without what the carrier told the shop.</summary>
public class WhileYouWaitTemplateTests
{
    private const string TrackingUrl = "https://sporing.example.com/pakke/370730259304981234";

    [Theory]
    [InlineData("nb-NO", "Bestillingen din er på vei, Kari", "på vei til deg med Posten.", "Forventet levert: tirsdag 24. november 2026", "Følg pakken hos Posten: " + TrackingUrl, "\">Følg pakken hos Posten</a>")]
    [InlineData("en-GB", "Your order is on its way, Kari", "on its way to you with Posten.", "Expected delivery: Tuesday, 24 November 2026", "Track your parcel with Posten: " + TrackingUrl, "\">Track your parcel with Posten</a>")]
    public async Task Render_WithCarrierAndTrackingLink_SaysWhenAndWhereToFollowIt(string locale, string subject, string onItsWay, string date, string trackingLine, string trackingLink)
    {
        var rendered = await RenderAsync(locale, carrier: "Posten", trackingUrl: TrackingUrl);

        Assert.Equal(subject, rendered.Subject);
        Assert.Contains(onItsWay, rendered.Text, StringComparison.Ordinal);
        Assert.Contains(date, rendered.Text, StringComparison.Ordinal);
        Assert.Contains(trackingLine, rendered.Text, StringComparison.Ordinal);
        Assert.Contains($"<a href=\"{TrackingUrl}{trackingLink}", rendered.Html, StringComparison.Ordinal);
        AssertUnsubscribeLinkIn(rendered);
    }

    [Theory]
    [InlineData("nb-NO", "på vei til deg. Vi har pakket", "tirsdag 24. november 2026", "Følg pakken")]
    [InlineData("en-GB", "on its way to you. We have packed", "Tuesday, 24 November 2026", "Track your parcel")]
    public async Task Render_WithoutCarrierOrTrackingLink_ReadsWholeAndOffersNoLink(string locale, string onItsWay, string date, string tracking)
    {
        var rendered = await RenderAsync(locale, carrier: null, trackingUrl: null);

        Assert.Contains(onItsWay, rendered.Text, StringComparison.Ordinal);
        Assert.Contains(onItsWay, rendered.Html, StringComparison.Ordinal);
        Assert.Contains(date, rendered.Html, StringComparison.Ordinal);
        Assert.DoesNotContain(tracking, rendered.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(tracking, rendered.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("\n\n\n", rendered.Text, StringComparison.Ordinal);
        Assert.Equal(1, rendered.Text.Split("https://").Length - 1);
        AssertUnsubscribeLinkIn(rendered);
    }

    [Theory]
    [InlineData("nb-NO", "Følg pakken")]
    [InlineData("en-GB", "Track your parcel")]
    public async Task Render_TrackingUrlThatIsNotHttp_IsNeverALink(string locale, string tracking)
    {
        var rendered = await RenderAsync(locale, carrier: "Posten", trackingUrl: "javascript:alert(document.cookie)");

        Assert.DoesNotContain("javascript:", rendered.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("javascript:", rendered.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(tracking, rendered.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Render_DanishCustomer_ReadsDanishWithDanishDayNames()
    {
        var rendered = await RenderAsync("da-DK", carrier: "PostNord", trackingUrl: TrackingUrl);

        Assert.Equal("da", rendered.Locale);
        Assert.Contains("Forventet levering: tirsdag den 24. november 2026", rendered.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Render_FinnishCustomer_ReadsEnglishWithEnglishDayNames()
    {
        var rendered = await RenderAsync("fi-FI", carrier: "Posti", trackingUrl: TrackingUrl);

        Assert.Equal("en", rendered.Locale);
        Assert.Contains("Expected delivery: Tuesday, 24 November 2026", rendered.Text, StringComparison.Ordinal);
    }

    private static async Task<RenderedContent> RenderAsync(string locale, string? carrier, string? trackingUrl)
    {
        await using var harness = await PipelineHarness.CreateAsync(seedDefaults: false);
        var shipped = TestEvents.Order(EventTypes.OrderShipped, "A-1", locale: locale, time: PipelineHarness.Start);
        var order = shipped["data"]!["order"]!;

        // Just after midnight in Oslo: still the 23rd in UTC, so only the customer's time zone gives the right day.
        order["expectedDeliveryAt"] = "2026-11-24T00:30:00+01:00";
        if (carrier is not null)
        {
            order["carrier"] = carrier;
        }

        if (trackingUrl is not null)
        {
            order["trackingUrl"] = trackingUrl;
        }

        var parsed = PipelineHarness.Parse(shipped);
        var model = MessageModel.Create(parsed, SampleEvents.Customer(parsed), PipelineHarness.Start);

        return harness.Services.GetRequiredService<TemplateRenderer>().Render(
            DefaultTemplates.All.Single(t => t.Id == "while-you-wait"),
            new RenderRequest("m-1", locale, model),
            pieces: DefaultTemplates.All.Where(t => t.Kind != TemplateKind.Message).ToDictionary(t => t.Id));
    }

    private static void AssertUnsubscribeLinkIn(RenderedContent rendered)
    {
        Assert.Contains($"{PipelineHarness.PublicBaseUrl}/u/", rendered.Text, StringComparison.Ordinal);
        Assert.Contains($"{PipelineHarness.PublicBaseUrl}/u/", rendered.Html, StringComparison.Ordinal);
    }
}
