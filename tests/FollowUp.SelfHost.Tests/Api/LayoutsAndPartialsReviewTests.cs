using System.Net;
using System.Text.Json.Nodes;

namespace FollowUp.SelfHost.Tests.Api;

public class LayoutsAndPartialsReviewTests
{
    private static JsonObject Piece(string kind, string html, string text, string syntax = "scriban") => new()
    {
        ["kind"] = kind,
        ["syntax"] = syntax,
        ["locales"] = new JsonObject { ["en"] = new JsonObject { ["html"] = html, ["text"] = text } },
    };

    private static JsonObject Message(string html, string text, string syntax = "scriban") => new()
    {
        ["syntax"] = syntax,
        ["locales"] = new JsonObject { ["en"] = new JsonObject { ["subject"] = "Hi {{ customer.first_name }}", ["html"] = html, ["text"] = text } },
    };

    // The word "include" in a comment or a string literal is not an include: Scriban renders these fine.
    [Theory]
    [InlineData("{{ # include the footer below }}<p>Hi</p>")]
    [InlineData("<p>{{ \"Prices include VAT\" }}</p>")]
    [InlineData("<p>{{ customer.name | string.replace \"include\" \"\" }}</p>")]
    public async Task Put_TheWordIncludeInACommentOrString_IsSaved(string html)
    {
        await using var factory = await SelfHostFactory.CreateAsync();
        using var client = factory.CreateApiClient();

        var (response, problem) = await client.SendAsync(HttpMethod.Put, "/api/templates/note", Message(html, "Hi").ToJsonString());

        Assert.True(response.StatusCode == HttpStatusCode.Created, problem?.ToJsonString());
    }
}
