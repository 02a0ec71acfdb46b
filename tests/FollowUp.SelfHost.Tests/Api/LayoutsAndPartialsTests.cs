using System.Net;
using System.Text.Json.Nodes;
using FollowUp.Dispatch;
using FollowUp.Events;
using Microsoft.Extensions.DependencyInjection;

namespace FollowUp.SelfHost.Tests.Api;

public class LayoutsAndPartialsTests
{
    private static JsonObject Piece(string kind, string html, string text, string syntax = "scriban") => new()
    {
        ["kind"] = kind,
        ["syntax"] = syntax,
        ["locales"] = new JsonObject { ["en"] = new JsonObject { ["html"] = html, ["text"] = text } },
    };

    private static JsonObject Message(string html, string text, string? layout = null, string syntax = "scriban")
    {
        var message = new JsonObject
        {
            ["syntax"] = syntax,
            ["locales"] = new JsonObject { ["en"] = new JsonObject { ["subject"] = "Hi {{ customer.first_name }}", ["html"] = html, ["text"] = text } },
        };
        if (layout is not null)
        {
            message["layout"] = layout;
        }

        return message;
    }

    private static async Task<JsonNode> PreviewAsync(HttpClient client, string id, string? name = null)
    {
        var body = new JsonObject { ["locale"] = "en" };
        if (name is not null)
        {
            var placed = TestEvents.Order(EventTypes.OrderPlaced, "O-1");
            placed["data"]!["customer"]!["name"] = name;
            body["event"] = placed;
        }

        var (response, preview) = await client.SendAsync(HttpMethod.Post, $"/api/templates/{id}/preview", body.ToJsonString());
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return preview!;
    }

    [Fact]
    public async Task Partial_IncludedByName_IsWrittenAsMarkup_WithItsOwnValuesEscaped()
    {
        await using var factory = await SelfHostFactory.CreateAsync();
        using var client = factory.CreateApiClient();
        var (saved, _) = await client.SendAsync(HttpMethod.Put, "/api/templates/signature", Piece("partial", "<p class=\"sig\">Hilsen {{ sender.name }}, til {{ customer.name }}</p>", "Hilsen {{ sender.name }}").ToJsonString());
        Assert.Equal(HttpStatusCode.Created, saved.StatusCode);
        await client.SendAsync(HttpMethod.Put, "/api/templates/note", Message("<p>Hi</p>{{ include \"signature\" }}", "Hi\n{{ include \"signature\" }}").ToJsonString());

        var preview = await PreviewAsync(client, "note", name: "<b>Kari</b>");

        Assert.Contains("<p class=\"sig\">Hilsen ", preview["html"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("til &lt;b&gt;Kari&lt;/b&gt;</p>", preview["html"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.StartsWith("Hi\nHilsen ", preview["text"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Partial_InALiquidTemplate_IsIncludedToo()
    {
        await using var factory = await SelfHostFactory.CreateAsync();
        using var client = factory.CreateApiClient();
        await client.SendAsync(HttpMethod.Put, "/api/templates/signature", Piece("partial", "<em>{{ sender.name }}</em>", "{{ sender.name }}").ToJsonString());
        var (saved, problem) = await client.SendAsync(HttpMethod.Put, "/api/templates/note", Message("<p>Hi</p>{% include 'signature' %}", "Hi {% include 'signature' %}", syntax: "liquid").ToJsonString());
        Assert.True(saved.StatusCode == HttpStatusCode.Created, problem?.ToJsonString());

        var preview = await PreviewAsync(client, "note");

        Assert.Matches("<p>Hi</p><em>[^<]+</em>", preview["html"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("{{ include \"no-such-piece\" }}", "there is no partial 'no-such-piece'")]
    [InlineData("{{ include piece_name }}", "line 1, column 4: include takes a partial's id in quotes")]
    public async Task Include_OfWhatCannotBeFound_Is400Naming(string html, string reason)
    {
        await using var factory = await SelfHostFactory.CreateAsync();
        using var client = factory.CreateApiClient();

        var (response, problem) = await client.SendAsync(HttpMethod.Put, "/api/templates/note", Message(html, "Hi").ToJsonString());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(problem!["errors"]!.AsObject(), field => field.Value!.AsArray().Any(e => e!.GetValue<string>().Contains(reason, StringComparison.Ordinal)));
        var (missing, _) = await client.SendAsync(HttpMethod.Get, "/api/templates/note");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task Partials_ThatIncludeEachOther_AreRefused()
    {
        await using var factory = await SelfHostFactory.CreateAsync();
        using var client = factory.CreateApiClient();
        await client.SendAsync(HttpMethod.Put, "/api/templates/part-a", Piece("partial", "a", "a").ToJsonString());
        await client.SendAsync(HttpMethod.Put, "/api/templates/part-b", Piece("partial", "b {{ include \"part-a\" }}", "b").ToJsonString());

        var (response, problem) = await client.SendAsync(HttpMethod.Put, "/api/templates/part-a", Piece("partial", "a {{ include \"part-b\" }}", "a").ToJsonString(), configure: r => r.Headers.TryAddWithoutValidation("If-Match", "\"v1\""));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("includes itself (part-a → part-b → part-a)", problem!["errors"]!["locales"]![0]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task DefaultLayout_EditedOnce_ChangesEveryDefaultMessage_AsSent()
    {
        await using var factory = await SelfHostFactory.CreateAsync();
        using var client = factory.CreateApiClient();
        var (_, layout) = await client.SendAsync(HttpMethod.Get, "/api/templates/default-layout");
        Assert.Equal("layout", layout!["kind"]!.GetValue<string>());
        var en = layout["locales"]!["en"]!.AsObject();
        en["html"] = en["html"]!.GetValue<string>().Replace("<body style=\"margin:0;padding:0;background:#f5f5f4\">", "<body style=\"margin:0;padding:0;background:#f5f5f4\"><header>Tebutikken · since 1921</header>", StringComparison.Ordinal);
        var edited = new JsonObject { ["kind"] = "layout", ["locales"] = layout["locales"]!.DeepClone() };
        var (saved, problem) = await client.SendAsync(HttpMethod.Put, "/api/templates/default-layout", edited.ToJsonString(), configure: r => r.Headers.TryAddWithoutValidation("If-Match", "\"v1\""));
        Assert.True(saved.StatusCode == HttpStatusCode.OK, problem?.ToJsonString());

        var review = await PreviewAsync(client, "review-request");
        Assert.Contains("<header>Tebutikken · since 1921</header>", review["html"]!.GetValue<string>(), StringComparison.Ordinal);

        var customer = TestEvents.Order(EventTypes.OrderPlaced, "O-9", customerId: "c-9");
        customer["data"]!["customer"]!["locale"] = "en";
        var (_, placed) = await client.SendAsync(HttpMethod.Post, "/api/events", customer.ToJsonString(), "application/cloudevents+json");
        var id = placed!["scheduled"]!.AsArray().Single(s => s!["ruleId"]!.GetValue<string>() == "thank-you")!["messageId"]!.GetValue<string>();
        var dispatcher = factory.Services.GetRequiredService<MessageDispatcher>();
        for (var hour = 0; hour < 24 && !factory.SendGrid.Accepted.Any(m => m.MessageId == id); hour++)
        {
            factory.Time.Advance(TimeSpan.FromHours(1));
            await dispatcher.DispatchDueAsync();
        }

        var mail = factory.SendGrid.Accepted.Single(m => m.MessageId == id);
        Assert.Contains("<header>Tebutikken · since 1921</header>", mail.Content("text/html"), StringComparison.Ordinal);
        Assert.Contains("<strong>O-9</strong>", mail.Content("text/html"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Layout_WithoutContent_Is400()
    {
        await using var factory = await SelfHostFactory.CreateAsync();
        using var client = factory.CreateApiClient();

        var (response, problem) = await client.SendAsync(HttpMethod.Put, "/api/templates/frame", Piece("layout", "<div>no slot</div>", "{{ content }}").ToJsonString());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["locales.en.html"], ApiClient.ErrorFields(problem));
    }

    [Fact]
    public async Task Layout_DroppingTheUnsubscribeLinkFeedbackRulesNeed_Is400NamingTheMessages()
    {
        await using var factory = await SelfHostFactory.CreateAsync();
        using var client = factory.CreateApiClient();
        var (_, layout) = await client.SendAsync(HttpMethod.Get, "/api/templates/default-layout");
        var locales = layout!["locales"]!.DeepClone().AsObject();
        foreach (var (_, content) in locales)
        {
            content!["html"] = "<html><body>{{ content }}</body></html>";
        }

        var (response, problem) = await client.SendAsync(HttpMethod.Put, "/api/templates/default-layout", new JsonObject { ["kind"] = "layout", ["locales"] = locales }.ToJsonString(), configure: r => r.Headers.TryAddWithoutValidation("If-Match", "\"v1\""));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var reasons = problem!["errors"]!["locales"]!.AsArray().Select(e => e!.GetValue<string>()).ToList();
        Assert.Contains(reasons, reason => reason.StartsWith("template 'review-request' would have no unsubscribe link", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Layout_InUse_CannotBeDeleted_NorSentByARule()
    {
        await using var factory = await SelfHostFactory.CreateAsync();
        using var client = factory.CreateApiClient();

        var (deleted, problem) = await client.SendAsync(HttpMethod.Delete, "/api/templates/default-layout");
        var rule = new JsonObject { ["trigger"] = "order.placed", ["delay"] = "PT1H", ["templateId"] = "default-layout", ["category"] = "service" };
        var (saved, ruleProblem) = await client.SendAsync(HttpMethod.Put, "/api/rules/frame-only", rule.ToJsonString());

        Assert.Equal(HttpStatusCode.Conflict, deleted.StatusCode);
        Assert.Contains("review-request", problem!["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, saved.StatusCode);
        Assert.Equal(["templateId"], ApiClient.ErrorFields(ruleProblem));
    }

    [Fact]
    public async Task Preview_OfALayout_ShowsItAroundAPlaceholder()
    {
        await using var factory = await SelfHostFactory.CreateAsync();
        using var client = factory.CreateApiClient();

        var preview = await PreviewAsync(client, "default-layout");

        Assert.Contains("(The message goes here.)", preview["html"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("Unsubscribe</a>", preview["html"]!.GetValue<string>(), StringComparison.Ordinal);
    }
}
