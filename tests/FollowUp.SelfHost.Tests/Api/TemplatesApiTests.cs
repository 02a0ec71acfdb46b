using System.Net;
using System.Text.Json.Nodes;

namespace FollowUp.SelfHost.Tests.Api;

public class TemplatesApiTests
{
    private static JsonObject Template(string text) => new()
    {
        ["description"] = "test",
        ["locales"] = new JsonObject
        {
            ["en"] = new JsonObject { ["subject"] = "Hi {{ customer.first_name }}", ["html"] = "<p>" + text + "</p>", ["text"] = text },
            ["nb"] = new JsonObject { ["subject"] = "Hei {{ customer.first_name }}", ["html"] = "<p>Hei</p>", ["text"] = "Hei" },
        },
    };

    [Fact]
    public async Task List_OnFirstStart_HasTheDefaultsInTheNordicLanguagesAndEnglish()
    {
        await using var factory = await SelfHostFactory.CreateAsync();
        using var client = factory.CreateApiClient();

        var (_, json) = await client.SendAsync(HttpMethod.Get, "/api/templates");

        var templates = json!.AsArray();
        Assert.Equal(["default-layout", "lost-sale-survey", "loyalty-reward", "nps-question", "review-request", "thank-you", "while-you-wait"], templates.Select(t => t!["id"]!.GetValue<string>()));
        Assert.All(templates.Where(t => t!["id"]!.GetValue<string>() != "default-layout"), t => Assert.Equal("default-layout", t!["layout"]!.GetValue<string>()));
        Assert.All(templates, t => Assert.Equal(["da", "en", "nb", "nn", "sv"], t!["locales"]!.AsObject().Select(l => l.Key).Order(StringComparer.Ordinal)));
    }

    [Fact]
    public async Task Put_TemplateThatDoesNotParse_Is400WithLineAndColumn()
    {
        await using var factory = await SelfHostFactory.CreateAsync();
        using var client = factory.CreateApiClient();

        var (response, problem) = await client.SendAsync(HttpMethod.Put, "/api/templates/welcome", Template("Hello\n{{ if customer.name }}").ToJsonString());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["locales.en.html", "locales.en.text"], ApiClient.ErrorFields(problem));
        Assert.StartsWith("line 2, column ", problem!["errors"]!["locales.en.text"]![0]!.GetValue<string>(), StringComparison.Ordinal);
        var (missing, _) = await client.SendAsync(HttpMethod.Get, "/api/templates/welcome");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task Put_WithoutEnglish_Is400BecauseEverythingFallsBackToEnglish()
    {
        await using var factory = await SelfHostFactory.CreateAsync();
        using var client = factory.CreateApiClient();
        var template = Template("x");
        template["locales"]!.AsObject().Remove("en");

        var (response, problem) = await client.SendAsync(HttpMethod.Put, "/api/templates/welcome", template.ToJsonString());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["locales"], ApiClient.ErrorFields(problem));
    }

    [Fact]
    public async Task PutThenPreview_RendersWithASampleEventInTheAskedLocale()
    {
        await using var factory = await SelfHostFactory.CreateAsync();
        using var client = factory.CreateApiClient();

        var (created, _) = await client.SendAsync(HttpMethod.Put, "/api/templates/welcome", Template("Total {{ order.total | money order.currency }}").ToJsonString());
        var (english, preview) = await client.SendAsync(HttpMethod.Post, "/api/templates/welcome/preview", """{"locale":"en-GB"}""");
        var (norwegian, previewNb) = await client.SendAsync(HttpMethod.Post, "/api/templates/welcome/preview", """{"locale":"nn-NO"}""");

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.OK, english.StatusCode);
        Assert.Equal("Hi Kari", preview!["subject"]!.GetValue<string>());
        Assert.Equal("Total 1,498.00 NOK", preview["text"]!.GetValue<string>());
        Assert.Equal("Hei Kari", previewNb!["subject"]!.GetValue<string>());
        Assert.Equal("nb", previewNb["locale"]!.GetValue<string>());
    }

    [Fact]
    public async Task Preview_DefaultSurveyWithADraftAndGivenEvent_RendersTheDraft()
    {
        await using var factory = await SelfHostFactory.CreateAsync();
        using var client = factory.CreateApiClient();
        var body = new JsonObject
        {
            ["locale"] = "en",
            ["template"] = Template("{{ deal.title }}: {{ answer_url \"price\" }}"),
            ["event"] = Testing.TestEvents.Deal(Events.EventTypes.DealLost, "D-77"),
        };

        var (response, preview) = await client.SendAsync(HttpMethod.Post, "/api/templates/lost-sale-survey/preview", body.ToJsonString());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("Møbler til 40 arbeidsplasser: https://followup.test/r/", preview!["text"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Preview_DefaultWhileYouWait_RendersWithASampleShipment()
    {
        await using var factory = await SelfHostFactory.CreateAsync();
        using var client = factory.CreateApiClient();

        var (response, preview) = await client.SendAsync(HttpMethod.Post, "/api/templates/while-you-wait/preview", """{"locale":"nb-NO"}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = preview!["text"]!.GetValue<string>();
        Assert.Contains("på vei til deg med Posten.", text, StringComparison.Ordinal);
        Assert.Contains("Forventet levert: tirsdag 24. november 2026", text, StringComparison.Ordinal);
        Assert.Contains("Følg pakken hos Posten: https://", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Preview_InvalidEvent_Is400NamingTheEventsFields()
    {
        await using var factory = await SelfHostFactory.CreateAsync();
        using var client = factory.CreateApiClient();
        var body = new JsonObject { ["event"] = new JsonObject { ["specversion"] = "1.0" } };

        var (response, problem) = await client.SendAsync(HttpMethod.Post, "/api/templates/thank-you/preview", body.ToJsonString());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("event.id", ApiClient.ErrorFields(problem));
    }
}
