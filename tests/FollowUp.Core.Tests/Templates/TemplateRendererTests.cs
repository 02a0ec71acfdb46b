using System.Text.Json.Nodes;
using FollowUp.Templates;
using FollowUp.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace FollowUp.Core.Tests.Templates;

public class TemplateRendererTests
{
    private static MessageTemplate Template(string html, string text = "t", TemplateSyntax syntax = TemplateSyntax.Scriban, string subject = "s") => new()
    {
        Id = "t",
        Syntax = syntax,
        Locales = new Dictionary<string, TemplateContent> { ["en"] = new(subject, html, text), ["nb"] = new("nb:" + subject, html, text) },
    };

    private static JsonObject Model(string name) => new()
    {
        ["customer"] = new JsonObject { ["name"] = name, ["firstName"] = name.Split(' ')[0], ["orderCount"] = 3 },
        ["order"] = new JsonObject { ["total"] = 1498.5m, ["currency"] = "NOK", ["lines"] = new JsonArray(new JsonObject { ["unitPrice"] = 10m }) },
    };

    [Fact]
    public async Task Render_ValuesInHtml_AreEscapedButTheTemplatesOwnMarkupIsNot()
    {
        await using var harness = await PipelineHarness.CreateAsync(seedDefaults: false);
        var renderer = harness.Services.GetRequiredService<TemplateRenderer>();

        var rendered = renderer.Render(
            Template("<p>Hi {{ customer.name }}</p>{{ \"<i>ok</i>\" | raw }}", text: "Hi {{ customer.name }}"),
            new RenderRequest("m1", "en", Model("<script>alert(1)</script> & Co")));

        Assert.Equal("<p>Hi &lt;script&gt;alert(1)&lt;/script&gt; &amp; Co</p><i>ok</i>", rendered.Html);
        Assert.Equal("Hi <script>alert(1)</script> & Co", rendered.Text);
    }

    [Theory]
    [InlineData("nb-NO", "NOK", "kr 1 498,50", "tirsdag 24. november 2026")]
    [InlineData("nn-NO", "NOK", "1 498,50 kr", "tysdag 24. november 2026")]
    [InlineData("da-DK", "DKK", "1.498,50 kr.", "tirsdag den 24. november 2026")]
    [InlineData("sv-SE", "SEK", "1 498,50 kr", "tisdag 24 november 2026")]
    [InlineData("da-DK", "EUR", "1.498,50 EUR", "tirsdag den 24. november 2026")]
    [InlineData("en-GB", "GBP", "£1,498.50", "Tuesday, 24 November 2026")]
    public async Task Render_MoneyAndDates_AreWrittenAsEachLocaleWritesThem(string locale, string currency, string money, string date)
    {
        await using var harness = await PipelineHarness.CreateAsync(seedDefaults: false);
        var model = Model("Kari");
        model["order"]!["currency"] = currency;
        model["order"]!["expectedDeliveryAt"] = "2026-11-24T10:00:00Z";
        var template = new MessageTemplate
        {
            Id = "x",
            Locales = new Dictionary<string, TemplateContent> { ["en"] = new("s", "h", "t"), [locale[..2]] = new("s", "h", "{{ order.total | money order.currency }}|{{ order.expected_delivery_at | local_date }}") },
        };

        var rendered = harness.Services.GetRequiredService<TemplateRenderer>().Render(template, new RenderRequest("m1", locale, model));

        // ICU writes the thousands separator of nb, nn and sv as a no-break space, as it should.
        Assert.Equal($"{money}|{date}", rendered.Text.Replace('\u00A0', ' ').Replace('\u202F', ' '));
    }

    [Fact]
    public async Task Render_SnakeCaseModelMoneyAndLinks_WorkInTheCustomersLanguage()
    {
        await using var harness = await PipelineHarness.CreateAsync(seedDefaults: false);
        var renderer = harness.Services.GetRequiredService<TemplateRenderer>();

        var rendered = renderer.Render(
            Template("x", text: "{{ customer.first_name }} {{ customer.order_count }} {{ order.lines[0].unit_price }} {{ order.total | money order.currency }} {{ answer_url \"price\" }} {{ sender.name }}"),
            new RenderRequest("m1", "nb-NO", Model("Kari Nordmann")));

        Assert.Equal("nb", rendered.Locale);
        Assert.Equal("nb:s", rendered.Subject);
        Assert.Matches(@"^Kari 3 10 kr 1\s498,50 https://followup\.test/r/[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+ Tebutikken$", rendered.Text);
    }

    [Fact]
    public async Task Render_Liquid_IsSupported()
    {
        await using var harness = await PipelineHarness.CreateAsync(seedDefaults: false);
        var renderer = harness.Services.GetRequiredService<TemplateRenderer>();

        var rendered = renderer.Render(
            Template("x", text: "{% if customer.order_count > 2 %}Hi {{ customer.first_name | upcase }}{% endif %}", syntax: TemplateSyntax.Liquid),
            new RenderRequest("m1", "en", Model("Kari Nordmann")));

        Assert.Equal("Hi KARI", rendered.Text);
    }

    [Fact]
    public async Task Render_AnswerLinks_AreRecordedOnceEachWithTheWordsAnyPartGaveThem()
    {
        var rendered = await RenderAsync(
            Template("<a href=\"{{ answer_url \"price\" \"Pris\" }}\">Pris</a>{{ for n in 0..10 }}{{ nps_url n }}{{ end }}{{ csat_url \"4\" }}", text: "{{ answer_url \"price\" }} {{ answer_url \"other\" }}"),
            "en",
            Model("Kari"));

        Assert.Equal(
            [new("price", "Pris"), .. Enumerable.Range(0, 11).Select(n => new AnswerChoice($"nps:{n}")), new("csat:4"), new("other")],
            rendered.Choices);
    }

    [Fact]
    public async Task Render_AnswerWordsLongerThanTheLimit_AreCutBetweenCharactersNotInsideOne()
    {
        // 99 letters and an emoji (two UTF-16 units): cut at 100 units, the label kept half an emoji, which the page
        // shows as U+FFFD.
        var rendered = await RenderAsync(Template("x", text: "{{ answer_url \"x\" \"" + new string('a', 99) + "\U0001F600 og mer\" }}"), "en", Model("Kari"));

        var label = rendered.Choices.Single().Label!;
        Assert.False(char.IsSurrogate(label[^1]), $"the label ends in half a character: U+{(int)label[^1]:X4}");
    }

    [Theory]
    [InlineData("{{ nps_url 11 }}")]
    [InlineData("{{ nps_url (0 - 1) }}")]
    [InlineData("{{ nps_url 2.5 }}")]
    [InlineData("{{ csat_url 0 }}")]
    [InlineData("{{ csat_url \"five\" }}")]
    public async Task Render_ScoreOutsideItsScale_FailsWithTheHelpersRange(string text)
    {
        await using var harness = await PipelineHarness.CreateAsync(seedDefaults: false);
        var renderer = harness.Services.GetRequiredService<TemplateRenderer>();

        var error = Assert.Throws<TemplateRenderException>(() => renderer.Render(Template("x", text: text), new RenderRequest("m1", "en", Model("Kari"))));

        Assert.Matches("(nps|csat)_url takes a whole number from [01] to (10|5)", error.Message);
    }

    [Theory]
    [InlineData("{{ for i in 1..1000000 }}x{{ end }}")]
    [InlineData("{{ func f; ret f; end; f }}")]
    [InlineData("{{ answer_url \"not a valid answer!\" }}")]
    public async Task Render_RunawayOrBrokenTemplate_ThrowsARenderExceptionWithTheReason(string text)
    {
        await using var harness = await PipelineHarness.CreateAsync(seedDefaults: false);
        var renderer = harness.Services.GetRequiredService<TemplateRenderer>();

        var error = Assert.Throws<TemplateRenderException>(() => renderer.Render(Template("x", text: text), new RenderRequest("m1", "en", Model("Kari"))));

        Assert.Contains("'t' (en) text", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("nb-NO", "Europe/Oslo", "tirsdag 24. november 2026")]
    [InlineData("nn-NO", "Europe/Oslo", "tirsdag 24. november 2026")]
    [InlineData("en-GB", "Europe/London", "Monday, 23 November 2026")]
    [InlineData("da-DK", "Europe/Copenhagen", "Tuesday, 24 November 2026")]
    [InlineData("en-US", "America/New_York", "Monday, November 23, 2026")]
    public async Task Render_LocalDate_IsTheCustomersDayInTheLanguageOfTheText(string locale, string zone, string expected)
    {
        var model = Model("Kari");
        model["customer"]!["timeZone"] = zone;
        model["order"]!["expectedDeliveryAt"] = "2026-11-23T23:30:00Z";

        var rendered = await RenderAsync(Template("x", text: "{{ order.expected_delivery_at | local_date }}"), locale, model);

        Assert.Equal(expected, rendered.Text);
    }

    [Theory]
    [InlineData("https://track.example.com/p/1?a=1&b=2", "https://track.example.com/p/1?a=1&amp;b=2")]
    [InlineData("http://track.example.com/p/1", "http://track.example.com/p/1")]
    [InlineData("javascript:alert(1)", "none")]
    [InlineData("/p/1", "none")]
    [InlineData("ftp://track.example.com/p/1", "none")]
    [InlineData("track.example.com/p/1", "none")]
    public async Task Render_WebUrl_LetsOnlyAbsoluteHttpAndHttpsLinksThrough(string url, string expected)
    {
        var model = Model("Kari");
        model["order"]!["trackingUrl"] = url;

        var rendered = await RenderAsync(Template("{{ if order.tracking_url | web_url }}{{ order.tracking_url | web_url }}{{ else }}none{{ end }}"), "en", model);

        Assert.Equal(expected, rendered.Html);
    }

    private static async Task<RenderedContent> RenderAsync(MessageTemplate template, string locale, JsonObject model)
    {
        await using var harness = await PipelineHarness.CreateAsync(seedDefaults: false);
        return harness.Services.GetRequiredService<TemplateRenderer>().Render(template, new RenderRequest("m1", locale, model));
    }

    [Theory]
    [InlineData("nn-NO", "nb")]
    [InlineData("nn", "nb")]
    [InlineData("no", "nb")]
    [InlineData("nb-NO", "nb")]
    [InlineData("da-DK", "en")]
    [InlineData("sv-SE", "en")]
    [InlineData(null, "en")]
    public void Resolve_Locale_FallsBackNynorskToBokmalAndOthersToEnglish(string? locale, string expected)
    {
        Assert.Equal(expected, LocaleFallback.Resolve(locale, ["en", "nb"]));
    }

    [Fact]
    public void Resolve_ExactRegionalContent_WinsOverItsLanguage()
    {
        Assert.Equal("nb-NO", LocaleFallback.Resolve("nb-NO", ["en", "nb", "nb-NO"]));
    }
}
