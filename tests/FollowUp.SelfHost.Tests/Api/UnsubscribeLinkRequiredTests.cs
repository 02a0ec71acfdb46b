using System.Net;
using System.Text.Json.Nodes;
using FollowUp.Testing;

namespace FollowUp.SelfHost.Tests.Api;

/// <summary>A feedback or marketing message must let its reader unsubscribe (issue 11, part 3, that one rule of lint).</summary>
public class UnsubscribeLinkRequiredTests
{
    private static JsonObject Template(string html, string text) => new()
    {
        ["locales"] = new JsonObject
        {
            ["en"] = new JsonObject { ["subject"] = "Hi", ["html"] = html, ["text"] = text },
        },
    };

    private static JsonObject Rule(string templateId, string category, bool enabled = true) => new()
    {
        ["trigger"] = "order.delivered",
        ["delay"] = "P5D",
        ["templateId"] = templateId,
        ["category"] = category,
        ["enabled"] = enabled,
    };

    [Fact]
    public async Task PutRule_FeedbackWithATemplateWithoutTheLinkInItsText_Is400NamingTheTemplateAndThePart()
    {
        await using var factory = await SelfHostFactory.CreateAsync();
        using var api = factory.CreateApiClient();
        await api.SendAsync(HttpMethod.Put, "/api/templates/bare", Template("<p>How was it?</p><a href=\"{{ unsubscribe_url }}\">Unsubscribe</a>", "How was it?").ToJsonString());

        var (response, problem) = await api.SendAsync(HttpMethod.Put, "/api/rules/ask", Rule("bare", "feedback").ToJsonString());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("en.text", problem!["errors"]!["templateId"]![0]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("service", true)]
    [InlineData("feedback", false)]
    public async Task PutRule_AServiceMessageOrADisabledRule_NeedsNoLink(string category, bool enabled)
    {
        await using var factory = await SelfHostFactory.CreateAsync();
        using var api = factory.CreateApiClient();
        await api.SendAsync(HttpMethod.Put, "/api/templates/bare", Template("<p>Your parcel is on its way.</p>", "Your parcel is on its way.").ToJsonString());

        var (response, _) = await api.SendAsync(HttpMethod.Put, "/api/rules/note", Rule("bare", category, enabled).ToJsonString());

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Fact]
    public async Task PutTemplate_DroppingTheLinkAFeedbackRuleNeeds_Is400NamingThePartAndTheRule()
    {
        await using var factory = await SelfHostFactory.CreateAsync();
        using var api = factory.CreateApiClient();

        var (response, problem) = await api.SendAsync(
            HttpMethod.Put,
            "/api/templates/review-request",
            Template("<p>How was it?</p>", "How was it? {{ unsubscribe_url }}").ToJsonString(),
            configure: r => r.Headers.TryAddWithoutValidation("If-Match", "*"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["locales.en.html"], ApiClient.ErrorFields(problem));
        Assert.Contains("review-request (feedback)", problem!["errors"]!["locales.en.html"]![0]!.GetValue<string>(), StringComparison.Ordinal);
    }
}
