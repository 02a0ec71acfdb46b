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

    // Deleting a partial in use is 409 naming the templates; turning it into a message (or a layout) breaks the same
    // messages, and skips the unsubscribe check of the feedback rule that sends them.
    [Theory]
    [InlineData("message")]
    [InlineData("layout")]
    public async Task Put_APartialInUse_ChangedToAnotherKind_IsRefused(string kind)
    {
        await using var factory = await SelfHostFactory.CreateAsync();
        using var client = factory.CreateApiClient();
        await client.SendAsync(HttpMethod.Put, "/api/templates/sig", Piece("partial", "<em>{{ sender.name }} {{ unsubscribe_url }}</em>", "{{ sender.name }} {{ unsubscribe_url }}").ToJsonString());
        await client.SendAsync(HttpMethod.Put, "/api/templates/note", Message("<p>Hi</p>{{ include \"sig\" }}", "Hi {{ include \"sig\" }}").ToJsonString());
        var (rule, ruleProblem) = await client.SendAsync(HttpMethod.Put, "/api/rules/note-rule", new JsonObject { ["trigger"] = "order.placed", ["delay"] = "PT1H", ["templateId"] = "note", ["category"] = "feedback" }.ToJsonString());
        Assert.True(rule.StatusCode == HttpStatusCode.Created, ruleProblem?.ToJsonString());
        var changed = kind == "message" ? Message("<em>x</em>", "x") : Piece("layout", "<div>{{ content }}</div>", "{{ content }}");

        var (response, _) = await client.SendAsync(HttpMethod.Put, "/api/templates/sig", changed.ToJsonString(), configure: r => r.Headers.TryAddWithoutValidation("If-Match", "\"v1\""));
        var (preview, previewProblem) = await client.SendAsync(HttpMethod.Post, "/api/templates/note/preview", "{\"locale\":\"en\"}");

        Assert.True(response.StatusCode is HttpStatusCode.Conflict or HttpStatusCode.BadRequest, $"the change was {(int)response.StatusCode}; note now previews {(int)preview.StatusCode} {previewProblem?.ToJsonString()}");
        Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
    }

    // Liquid's {% render %} (Shopify's successor to {% include %}) is saved without a word, then every render fails
    // ("The function `render` was not found"): it must be refused when saved, or include the partial as include does.
    [Fact]
    public async Task Put_LiquidRenderOfAPartial_IsRefusedOrRendersThePartial()
    {
        await using var factory = await SelfHostFactory.CreateAsync();
        using var client = factory.CreateApiClient();
        await client.SendAsync(HttpMethod.Put, "/api/templates/sig", Piece("partial", "<em>Regards</em>", "Regards").ToJsonString());

        var (saved, _) = await client.SendAsync(HttpMethod.Put, "/api/templates/note", Message("<p>Hi</p>{% render 'sig' %}", "Hi {% render 'sig' %}", syntax: "liquid").ToJsonString());
        if (saved.StatusCode == HttpStatusCode.BadRequest)
        {
            return;
        }

        var (preview, body) = await client.SendAsync(HttpMethod.Post, "/api/templates/note/preview", "{\"locale\":\"en\"}");
        Assert.True(preview.StatusCode == HttpStatusCode.OK, $"saved {(int)saved.StatusCode}, then the preview is {(int)preview.StatusCode}: {body?.ToJsonString()}");
        Assert.Contains("<em>Regards</em>", body!["html"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    // Each partial is checked from itself when saved, never from the messages that use it: a leaf partial edited to
    // include one more makes a message that was five deep six deep, and it no longer renders (nor sends).
    [Fact]
    public async Task Put_APartialThatNestsAMessagesPartialsTooDeep_IsRefused()
    {
        await using var factory = await SelfHostFactory.CreateAsync();
        using var client = factory.CreateApiClient();
        await client.SendAsync(HttpMethod.Put, "/api/templates/p6", Piece("partial", "six", "six").ToJsonString());
        await client.SendAsync(HttpMethod.Put, "/api/templates/p5", Piece("partial", "five", "five").ToJsonString());
        for (var n = 4; n >= 1; n--)
        {
            var (saved, problem) = await client.SendAsync(HttpMethod.Put, $"/api/templates/p{n}", Piece("partial", $"{n} {{{{ include \"p{n + 1}\" }}}}", $"{n} {{{{ include \"p{n + 1}\" }}}}").ToJsonString());
            Assert.True(saved.StatusCode == HttpStatusCode.Created, problem?.ToJsonString());
        }

        var (note, noteProblem) = await client.SendAsync(HttpMethod.Put, "/api/templates/note", Message("<p>{{ include \"p1\" }}</p>", "{{ include \"p1\" }}").ToJsonString());
        Assert.True(note.StatusCode == HttpStatusCode.Created, noteProblem?.ToJsonString());
        var (before, _) = await client.SendAsync(HttpMethod.Post, "/api/templates/note/preview", "{\"locale\":\"en\"}");
        Assert.Equal(HttpStatusCode.OK, before.StatusCode);

        var (response, _) = await client.SendAsync(HttpMethod.Put, "/api/templates/p5", Piece("partial", "five {{ include \"p6\" }}", "five").ToJsonString(), configure: r => r.Headers.TryAddWithoutValidation("If-Match", "\"v1\""));
        var (after, afterProblem) = await client.SendAsync(HttpMethod.Post, "/api/templates/note/preview", "{\"locale\":\"en\"}");

        Assert.True(response.StatusCode == HttpStatusCode.BadRequest || after.StatusCode == HttpStatusCode.OK, $"the edit was {(int)response.StatusCode}; note now previews {(int)after.StatusCode} {afterProblem?.ToJsonString()}");
    }
}
