using System.Net;
using System.Text.Json.Nodes;

namespace FollowUp.SelfHost.Tests.Api;

public class UnsubscribeLinkReviewTests
{
    private static JsonObject Note(string html, string text) => new()
    {
        ["locales"] = new JsonObject { ["en"] = new JsonObject { ["subject"] = "Hi", ["html"] = html, ["text"] = text } },
    };

    // A commented-out link, or a commented-out include of the footer that has it, renders nothing: the reader cannot
    // unsubscribe, yet the check counts it as there.
    [Theory]
    [InlineData("<p>Hi</p>{{ # unsubscribe_url }}")]
    [InlineData("<p>Hi</p>{{ # include \"footer\" }}")]
    public async Task PutRule_FeedbackTemplateWhoseLinkIsInAComment_Is400(string html)
    {
        await using var factory = await SelfHostFactory.CreateAsync();
        using var client = factory.CreateApiClient();
        var footer = new JsonObject
        {
            ["kind"] = "partial",
            ["locales"] = new JsonObject { ["en"] = new JsonObject { ["html"] = "<a href=\"{{ unsubscribe_url }}\">Unsubscribe</a>", ["text"] = "Unsubscribe: {{ unsubscribe_url }}" } },
        };
        await client.SendAsync(HttpMethod.Put, "/api/templates/footer", footer.ToJsonString());
        var (note, noteProblem) = await client.SendAsync(HttpMethod.Put, "/api/templates/note", Note(html, "Hi {{ include \"footer\" }}").ToJsonString());
        Assert.True(note.StatusCode == HttpStatusCode.Created, noteProblem?.ToJsonString());
        var (_, preview) = await client.SendAsync(HttpMethod.Post, "/api/templates/note/preview", "{\"locale\":\"en\"}");
        Assert.DoesNotContain("unsubscribe", preview!["html"]!.GetValue<string>(), StringComparison.OrdinalIgnoreCase);

        var rule = new JsonObject { ["trigger"] = "order.delivered", ["delay"] = "P5D", ["templateId"] = "note", ["category"] = "feedback" };
        var (response, body) = await client.SendAsync(HttpMethod.Put, "/api/rules/note-rule", rule.ToJsonString());

        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{(int)response.StatusCode}: {body?.ToJsonString()}");
    }
}
