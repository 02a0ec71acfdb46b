using System.Net;
using System.Text.Json.Nodes;
using FollowUp.Dispatch;
using FollowUp.Events;
using Microsoft.Extensions.DependencyInjection;

namespace FollowUp.SelfHost.Tests.Api;

public class VersionsApiTests
{
    private const string AliceKey = "alice-key-0123456789abcdef";

    private static JsonObject ThankYou(string delay) => new()
    {
        ["description"] = "The thank-you.",
        ["trigger"] = "order.placed",
        ["delay"] = delay,
        ["templateId"] = "thank-you",
        ["cancelOn"] = new JsonArray("order.cancelled"),
        ["category"] = "service",
    };

    /// <summary>A rule or template as read, without what the server sets, as a PUT takes it.</summary>
    private static JsonObject Editable(JsonNode read)
    {
        var copy = read.AsObject().DeepClone().AsObject();
        foreach (var field in new[] { "id", "version", "updatedAt", "updatedBy", "restoredFrom" })
        {
            copy.Remove(field);
        }

        return copy;
    }

    private static Action<HttpRequestMessage> IfMatch(int version) => request => request.Headers.TryAddWithoutValidation("If-Match", $"\"v{version}\"");

    private static Action<HttpRequestMessage> As(string key) => request =>
    {
        request.Headers.Remove("X-Api-Key");
        request.Headers.Add("X-Api-Key", key);
    };

    [Fact]
    public async Task RuleSaves_EachKeepTheVersionBefore_WithWhenAndWhichKeyByName()
    {
        await using var factory = await SelfHostFactory.CreateAsync(configure: settings => settings["FollowUp:ApiKeys:alice"] = AliceKey);
        using var client = factory.CreateApiClient();

        await client.SendAsync(HttpMethod.Put, "/api/rules/thank-you", ThankYou("PT2H").ToJsonString(), configure: IfMatch(1));
        factory.Time.Advance(TimeSpan.FromMinutes(5));
        var (saved, _) = await client.SendAsync(HttpMethod.Put, "/api/rules/thank-you", ThankYou("PT3H").ToJsonString(), configure: r => { IfMatch(2)(r); As(AliceKey)(r); });
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);

        var (_, history) = await client.SendAsync(HttpMethod.Get, "/api/rules/thank-you/versions");
        var versions = history!["versions"]!.AsArray();
        Assert.Equal(3, history["current"]!.GetValue<int>());
        Assert.Equal([3, 2, 1], versions.Select(v => v!["version"]!.GetValue<int>()));
        Assert.Equal(["alice", "self-host", "defaults"], versions.Select(v => v!["updatedBy"]!.GetValue<string>()));
        Assert.Equal([true, false, false], versions.Select(v => v!["current"]!.GetValue<bool>()));
        Assert.Equal(factory.Time.GetUtcNow(), versions[0]!["updatedAt"]!.GetValue<DateTimeOffset>());

        var (_, first) = await client.SendAsync(HttpMethod.Get, "/api/rules/thank-you/versions/1");
        var (_, second) = await client.SendAsync(HttpMethod.Get, "/api/rules/thank-you/versions/2");
        Assert.Equal("PT1H", first!["delay"]!.GetValue<string>());
        Assert.Equal("PT2H", second!["delay"]!.GetValue<string>());
        Assert.Equal(2, second["version"]!.GetValue<int>());
    }

    [Fact]
    public async Task RuleRestore_MakesANewVersionEqualToTheOldOne_AndTheCarelessEditIsUndone()
    {
        await using var factory = await SelfHostFactory.CreateAsync();
        using var client = factory.CreateApiClient();
        var (_, original) = await client.SendAsync(HttpMethod.Get, "/api/rules/review-request");
        var careless = Editable(original!);

        careless["cancelOn"] = new JsonArray();
        await client.SendAsync(HttpMethod.Put, "/api/rules/review-request", careless.ToJsonString(), configure: IfMatch(1));

        var (restored, rule) = await client.SendAsync(HttpMethod.Post, "/api/rules/review-request/versions/1/restore", configure: IfMatch(2));

        Assert.Equal(HttpStatusCode.OK, restored.StatusCode);
        Assert.Equal("\"v3\"", restored.Headers.ETag!.Tag);
        Assert.Equal(1, rule!["restoredFrom"]!.GetValue<int>());
        Assert.Equal(original!["cancelOn"]!.ToJsonString(), rule["cancelOn"]!.ToJsonString());
        var (_, current) = await client.SendAsync(HttpMethod.Get, "/api/rules/review-request");
        Assert.Equal(original["cancelOn"]!.ToJsonString(), current!["cancelOn"]!.ToJsonString());

        // Versions never change: the careless one is still there as it was.
        var (_, second) = await client.SendAsync(HttpMethod.Get, "/api/rules/review-request/versions/2");
        Assert.Empty(second!["cancelOn"]!.AsArray());
    }

    [Fact]
    public async Task RuleRestore_WithAStaleIfMatch_Is412AndChangesNothing()
    {
        await using var factory = await SelfHostFactory.CreateAsync();
        using var client = factory.CreateApiClient();
        await client.SendAsync(HttpMethod.Put, "/api/rules/thank-you", ThankYou("PT2H").ToJsonString(), configure: IfMatch(1));

        var (response, _) = await client.SendAsync(HttpMethod.Post, "/api/rules/thank-you/versions/1/restore", configure: IfMatch(1));

        Assert.Equal(HttpStatusCode.PreconditionFailed, response.StatusCode);
        var (_, current) = await client.SendAsync(HttpMethod.Get, "/api/rules/thank-you");
        Assert.Equal("PT2H", current!["delay"]!.GetValue<string>());
        Assert.Equal(2, current["version"]!.GetValue<int>());
    }

    [Fact]
    public async Task RuleRestore_OfAVersionWhoseTemplateIsGone_Is400NamingTheTemplate()
    {
        await using var factory = await SelfHostFactory.CreateAsync();
        using var client = factory.CreateApiClient();
        var template = new JsonObject
        {
            ["locales"] = new JsonObject { ["en"] = new JsonObject { ["subject"] = "Thanks", ["html"] = "<p>Thanks</p>", ["text"] = "Thanks" } },
        };
        await client.SendAsync(HttpMethod.Put, "/api/templates/short-thanks", template.ToJsonString());
        var rule = ThankYou("PT2H");
        rule["templateId"] = "short-thanks";
        await client.SendAsync(HttpMethod.Put, "/api/rules/thank-you", rule.ToJsonString(), configure: IfMatch(1));
        await client.SendAsync(HttpMethod.Put, "/api/rules/thank-you", ThankYou("PT2H").ToJsonString(), configure: IfMatch(2));
        await client.SendAsync(HttpMethod.Delete, "/api/templates/short-thanks");

        var (response, problem) = await client.SendAsync(HttpMethod.Post, "/api/rules/thank-you/versions/2/restore");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["templateId"], ApiClient.ErrorFields(problem));
        var (_, current) = await client.SendAsync(HttpMethod.Get, "/api/rules/thank-you");
        Assert.Equal(3, current!["version"]!.GetValue<int>());
    }

    [Fact]
    public async Task DeletedRule_KeepsItsVersions_AndARestoreCreatesItAgain()
    {
        await using var factory = await SelfHostFactory.CreateAsync();
        using var client = factory.CreateApiClient();
        await client.SendAsync(HttpMethod.Put, "/api/rules/thank-you", ThankYou("PT2H").ToJsonString(), configure: IfMatch(1));
        await client.SendAsync(HttpMethod.Delete, "/api/rules/thank-you");

        var (_, history) = await client.SendAsync(HttpMethod.Get, "/api/rules/thank-you/versions");
        Assert.Null(history!["current"]);
        Assert.Equal([2, 1], history["versions"]!.AsArray().Select(v => v!["version"]!.GetValue<int>()));

        var (restored, rule) = await client.SendAsync(HttpMethod.Post, "/api/rules/thank-you/versions/2/restore");
        Assert.Equal(HttpStatusCode.Created, restored.StatusCode);
        Assert.Equal(3, rule!["version"]!.GetValue<int>());
        Assert.Equal("PT2H", rule["delay"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("/api/rules/no-such-rule/versions")]
    [InlineData("/api/rules/thank-you/versions/9")]
    [InlineData("/api/rules/thank-you/versions/0")]
    [InlineData("/api/rules/thank-you/versions/-1")]
    [InlineData("/api/rules/thank-you/versions/1e3")]
    [InlineData("/api/rules/thank-you/versions/99999999999")]
    [InlineData("/api/templates/thank-you/versions/9")]
    [InlineData("/api/templates/No_Such/versions")]
    public async Task UnknownRuleOrVersion_Is404ProblemDetails(string path)
    {
        await using var factory = await SelfHostFactory.CreateAsync();
        using var client = factory.CreateApiClient();

        var (response, problem) = await client.SendAsync(HttpMethod.Get, path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(404, problem!["status"]!.GetValue<int>());
        var (restore, _) = await client.SendAsync(HttpMethod.Post, path.EndsWith("/versions", StringComparison.Ordinal) ? path + "/1/restore" : path + "/restore");
        Assert.Equal(HttpStatusCode.NotFound, restore.StatusCode);
    }

    [Fact]
    public async Task TemplateSaves_KeepEveryLocaleOfEachVersion_AndARestoreBringsThemBack()
    {
        await using var factory = await SelfHostFactory.CreateAsync();
        using var client = factory.CreateApiClient();
        var (_, original) = await client.SendAsync(HttpMethod.Get, "/api/templates/thank-you");
        var edited = new JsonObject
        {
            ["description"] = "Shorter",
            ["locales"] = new JsonObject { ["en"] = new JsonObject { ["subject"] = "Thanks!", ["html"] = "<p>Thanks</p>", ["text"] = "Thanks" } },
        };
        await client.SendAsync(HttpMethod.Put, "/api/templates/thank-you", edited.ToJsonString(), configure: IfMatch(1));

        var (_, history) = await client.SendAsync(HttpMethod.Get, "/api/templates/thank-you/versions");
        Assert.Equal([2, 1], history!["versions"]!.AsArray().Select(v => v!["version"]!.GetValue<int>()));
        var (_, first) = await client.SendAsync(HttpMethod.Get, "/api/templates/thank-you/versions/1");
        Assert.Equal(original!["locales"]!.ToJsonString(), first!["locales"]!.ToJsonString());

        var (restored, template) = await client.SendAsync(HttpMethod.Post, "/api/templates/thank-you/versions/1/restore");

        Assert.Equal(HttpStatusCode.OK, restored.StatusCode);
        Assert.Equal(3, template!["version"]!.GetValue<int>());
        Assert.Equal(1, template["restoredFrom"]!.GetValue<int>());
        var (_, current) = await client.SendAsync(HttpMethod.Get, "/api/templates/thank-you");
        Assert.Equal(original["locales"]!.ToJsonString(), current!["locales"]!.ToJsonString());
        Assert.Equal(original["description"]!.ToJsonString(), current["description"]!.ToJsonString());

        // The kept rows are not part of the template as listed or read.
        var (_, list) = await client.SendAsync(HttpMethod.Get, "/api/templates");
        Assert.Single(list!.AsArray(), t => t!["id"]!.GetValue<string>() == "thank-you");
    }

    [Fact]
    public async Task TemplateRestore_WithoutTheUnsubscribeLinkAnEnabledFeedbackRuleNeeds_Is400()
    {
        await using var factory = await SelfHostFactory.CreateAsync();
        using var client = factory.CreateApiClient();
        var (_, rule) = await client.SendAsync(HttpMethod.Get, "/api/rules/review-request");
        var service = Editable(rule!);

        // As a service message, the template may do without the link; then the rule is feedback again.
        service["category"] = "service";
        await client.SendAsync(HttpMethod.Put, "/api/rules/review-request", service.ToJsonString(), configure: IfMatch(1));
        var bare = new JsonObject { ["locales"] = new JsonObject { ["en"] = new JsonObject { ["subject"] = "Review?", ["html"] = "<p>Review?</p>", ["text"] = "Review?" } } };
        await client.SendAsync(HttpMethod.Put, "/api/templates/review-request", bare.ToJsonString(), configure: IfMatch(1));
        var (_, template) = await client.SendAsync(HttpMethod.Get, "/api/templates/review-request/versions/1");
        await client.SendAsync(HttpMethod.Put, "/api/templates/review-request", Editable(template!).ToJsonString(), configure: IfMatch(2));
        service["category"] = "feedback";
        await client.SendAsync(HttpMethod.Put, "/api/rules/review-request", service.ToJsonString(), configure: IfMatch(2));

        var (response, problem) = await client.SendAsync(HttpMethod.Post, "/api/templates/review-request/versions/2/restore");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("locales.en.html", ApiClient.ErrorFields(problem));
    }

    [Fact]
    public async Task SentMessage_ShowsItsContentExactlyAsSent_WithTheVersionsThatMadeIt_UntilItsCustomerIsErased()
    {
        await using var factory = await SelfHostFactory.CreateAsync();
        using var client = factory.CreateApiClient();
        var (_, placed) = await client.SendAsync(HttpMethod.Post, "/api/events", TestEvents.Order(EventTypes.OrderPlaced, "O-7", customerId: "c-7").ToJsonString(), "application/cloudevents+json");
        var id = placed!["scheduled"]!.AsArray().Single(s => s!["ruleId"]!.GetValue<string>() == "thank-you")!["messageId"]!.GetValue<string>();

        var (notYet, early) = await client.SendAsync(HttpMethod.Get, $"/api/messages/{id}/content");
        Assert.Equal(HttpStatusCode.NotFound, notYet.StatusCode);
        Assert.Contains("has not been sent", early!["detail"]!.GetValue<string>(), StringComparison.Ordinal);

        var dispatcher = factory.Services.GetRequiredService<MessageDispatcher>();
        for (var hour = 0; hour < 24 && !factory.SendGrid.Accepted.Any(m => m.MessageId == id); hour++)
        {
            factory.Time.Advance(TimeSpan.FromHours(1));
            await dispatcher.DispatchDueAsync();
        }

        var mail = factory.SendGrid.Accepted.Single(m => m.MessageId == id);
        var (response, content) = await client.SendAsync(HttpMethod.Get, $"/api/messages/{id}/content");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(mail.Subject, content!["subject"]!.GetValue<string>());
        Assert.Equal(mail.Content("text/html"), content["html"]!.GetValue<string>());
        Assert.Equal(mail.Content("text/plain"), content["text"]!.GetValue<string>());
        Assert.Equal(1, content["ruleVersion"]!.GetValue<int>());
        Assert.Equal(1, content["templateVersion"]!.GetValue<int>());
        var (_, message) = await client.SendAsync(HttpMethod.Get, $"/api/messages/{id}");
        Assert.Equal(1, message!["templateVersion"]!.GetValue<int>());

        await client.SendAsync(HttpMethod.Delete, "/api/customers/c-7");
        var (erased, problem) = await client.SendAsync(HttpMethod.Get, $"/api/messages/{id}/content");
        Assert.Equal(HttpStatusCode.NotFound, erased.StatusCode);
        Assert.Contains("erased", problem!["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }
}
