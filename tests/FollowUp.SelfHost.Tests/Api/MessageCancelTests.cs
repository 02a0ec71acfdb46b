using System.Net;
using FollowUp.Dispatch;
using FollowUp.Events;
using FollowUp.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace FollowUp.SelfHost.Tests.Api;

/// <summary><c>POST /api/messages/{id}/cancel</c>, and the rule edits that hold, release and cancel messages.</summary>
public class MessageCancelTests
{
    private static async Task<string> ThankYouAsync(HttpClient client, string orderId = "A-1")
    {
        var (_, placed) = await client.SendAsync(HttpMethod.Post, "/api/events", TestEvents.Order(EventTypes.OrderPlaced, orderId).ToJsonString(), "application/cloudevents+json");
        return placed!["scheduled"]!.AsArray().Single(m => m!["ruleId"]!.GetValue<string>() == "thank-you")!["messageId"]!.GetValue<string>();
    }

    [Fact]
    public async Task Cancel_ScheduledMessage_CancelsItWithTheReasonAndASecondCancelIs409()
    {
        await using var factory = await SelfHostFactory.CreateAsync();
        using var client = factory.CreateApiClient();
        var id = await ThankYouAsync(client);

        var (response, message) = await client.SendAsync(HttpMethod.Post, $"/api/messages/{id}/cancel", """{ "reason": "asked by phone" }""");
        var (again, problem) = await client.SendAsync(HttpMethod.Post, $"/api/messages/{id}/cancel");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("cancelled", message!["status"]!.GetValue<string>());
        Assert.Equal("cancelled through the API: asked by phone", message["reason"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Contains("already cancelled", problem!["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cancel_SentMessage_Is409NamingItsStatus()
    {
        await using var factory = await SelfHostFactory.CreateAsync();
        using var client = factory.CreateApiClient();
        var id = await ThankYouAsync(client);
        factory.Time.Advance(TimeSpan.FromHours(1));
        await factory.Services.GetRequiredService<MessageDispatcher>().DispatchDueAsync();

        var (response, problem) = await client.SendAsync(HttpMethod.Post, $"/api/messages/{id}/cancel");

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal($"Message {id} is sent; only a scheduled or held message can be cancelled.", problem!["detail"]!.GetValue<string>());
        Assert.Single(factory.SendGrid.Accepted);
    }

    [Theory]
    [InlineData("""{ "reason": 5 }""", "application/json", HttpStatusCode.BadRequest)]
    [InlineData("""{ "why": "x" }""", "application/json", HttpStatusCode.BadRequest)]
    [InlineData("reason=x", "application/x-www-form-urlencoded", HttpStatusCode.UnsupportedMediaType)]
    public async Task Cancel_BadBody_IsRefusedAndCancelsNothing(string body, string contentType, HttpStatusCode expected)
    {
        await using var factory = await SelfHostFactory.CreateAsync();
        using var client = factory.CreateApiClient();
        var id = await ThankYouAsync(client);

        var (response, problem) = await client.SendAsync(HttpMethod.Post, $"/api/messages/{id}/cancel", body, contentType);

        Assert.Equal(expected, response.StatusCode);
        Assert.NotNull(problem!["title"]);
        var (_, message) = await client.SendAsync(HttpMethod.Get, "/api/messages/" + id);
        Assert.Equal("scheduled", message!["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task Cancel_ReasonTooLong_Is400NamingReason()
    {
        await using var factory = await SelfHostFactory.CreateAsync();
        using var client = factory.CreateApiClient();
        var id = await ThankYouAsync(client);

        var (response, problem) = await client.SendAsync(HttpMethod.Post, $"/api/messages/{id}/cancel", $$"""{ "reason": "{{new string('x', 501)}}" }""");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotNull(problem!["errors"]!["reason"]);
    }

    [Theory]
    [InlineData("no-such-message")]
    [InlineData("202611230900aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")]
    public async Task Cancel_UnknownMessage_Is404(string id)
    {
        await using var factory = await SelfHostFactory.CreateAsync();
        using var client = factory.CreateApiClient();

        var (response, _) = await client.SendAsync(HttpMethod.Post, $"/api/messages/{id}/cancel");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task RuleDisabledThenEnabledThroughTheApi_HoldsItsMessageThenReleasesIt()
    {
        await using var factory = await SelfHostFactory.CreateAsync();
        using var client = factory.CreateApiClient();
        var dispatcher = factory.Services.GetRequiredService<MessageDispatcher>();
        var id = await ThankYouAsync(client);
        var (_, rule) = await client.SendAsync(HttpMethod.Get, "/api/rules/thank-you");
        foreach (var stored in new[] { "id", "version", "updatedAt" })
        {
            rule!.AsObject().Remove(stored);
        }

        rule!["enabled"] = false;
        await client.SendAsync(HttpMethod.Put, "/api/rules/thank-you", rule.ToJsonString(), configure: r => r.Headers.TryAddWithoutValidation("If-Match", "*"));
        factory.Time.Advance(TimeSpan.FromHours(1));
        await dispatcher.DispatchDueAsync();
        var (_, held) = await client.SendAsync(HttpMethod.Get, "/api/messages?status=held");

        rule["enabled"] = true;
        var (enabled, _) = await client.SendAsync(HttpMethod.Put, "/api/rules/thank-you", rule.ToJsonString(), configure: r => r.Headers.TryAddWithoutValidation("If-Match", "*"));
        var summary = await dispatcher.DispatchDueAsync();

        Assert.Equal([id], held!["items"]!.AsArray().Select(m => m!["id"]!.GetValue<string>()));
        Assert.Equal(HttpStatusCode.OK, enabled.StatusCode);
        Assert.Equal(1, summary.Sent);
    }
}
