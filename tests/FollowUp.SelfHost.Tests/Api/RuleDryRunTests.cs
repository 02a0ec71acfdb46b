using System.Net;
using System.Text.Json.Nodes;
using FollowUp.Events;
using FollowUp.Testing;

namespace FollowUp.SelfHost.Tests.Api;

/// <summary>POST /api/rules/dry-run: what a rule would do with an event, with nothing written (issue 11, part 5).</summary>
public class RuleDryRunTests
{
    [Fact]
    public async Task DryRun_SavedReviewRequestOnADelivery_WouldScheduleFiveDaysOnInItsWindowAndWritesNothing()
    {
        await using var factory = await SelfHostFactory.CreateAsync();
        using var api = factory.CreateApiClient();
        var body = new JsonObject { ["ruleId"] = "review-request", ["event"] = TestEvents.Order(EventTypes.OrderDelivered, "O-1") };

        var (response, result) = await api.SendAsync(HttpMethod.Post, "/api/rules/dry-run", body.ToJsonString());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(result!["wouldSchedule"]!.GetValue<bool>());
        var message = Assert.Single(result["messages"]!.AsArray());
        var due = message!["dueAt"]!.GetValue<DateTimeOffset>();
        Assert.InRange(due, PipelineHarness.Start.AddDays(5), PipelineHarness.Start.AddDays(6));
        var (_, messages) = await api.SendAsync(HttpMethod.Get, "/api/messages?customerId=c-1");
        Assert.Empty(messages!["items"]!.AsArray());
        var (export, _) = await api.SendAsync(HttpMethod.Get, "/api/customers/c-1/export");
        Assert.Equal(HttpStatusCode.NotFound, export.StatusCode);
    }

    [Fact]
    public async Task DryRun_ADraftRuleWhoseConditionDoesNotHold_SaysWhy()
    {
        await using var factory = await SelfHostFactory.CreateAsync();
        using var api = factory.CreateApiClient();
        var body = new JsonObject
        {
            ["rule"] = new JsonObject { ["trigger"] = "order.placed", ["condition"] = "order.total >= 5000", ["delay"] = "P1D", ["templateId"] = "thank-you" },
            ["event"] = TestEvents.Order(EventTypes.OrderPlaced, "O-1", total: 1498m),
        };

        var (_, result) = await api.SendAsync(HttpMethod.Post, "/api/rules/dry-run", body.ToJsonString());

        Assert.False(result!["wouldSchedule"]!.GetValue<bool>());
        Assert.Contains("condition", result["reason"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task DryRun_AnEventOfAnotherType_SaysWhatTheRuleStartsOn()
    {
        await using var factory = await SelfHostFactory.CreateAsync();
        using var api = factory.CreateApiClient();
        var body = new JsonObject { ["ruleId"] = "review-request", ["event"] = TestEvents.Order(EventTypes.OrderPlaced, "O-1") };

        var (_, result) = await api.SendAsync(HttpMethod.Post, "/api/rules/dry-run", body.ToJsonString());

        Assert.Equal("the rule starts on order.delivered, not on order.placed", result!["reason"]!.GetValue<string>());
    }

    [Fact]
    public async Task DryRun_TheDisabledNpsQuestion_IsTriedAsIfOnAndSaysItIsOff()
    {
        await using var factory = await SelfHostFactory.CreateAsync();
        using var api = factory.CreateApiClient();
        var body = new JsonObject { ["ruleId"] = "nps-question", ["event"] = TestEvents.Order(EventTypes.OrderDelivered, "O-1") };

        var (_, result) = await api.SendAsync(HttpMethod.Post, "/api/rules/dry-run", body.ToJsonString());

        Assert.Equal((true, false), (result!["wouldSchedule"]!.GetValue<bool>(), result["ruleEnabled"]!.GetValue<bool>()));
    }

    [Fact]
    public async Task DryRun_ForAnAddressThatUnsubscribed_WouldMakeTheMessageCancelledAndSaysWhy()
    {
        await using var factory = await SelfHostFactory.CreateAsync();
        using var api = factory.CreateApiClient();
        await api.SendAsync(HttpMethod.Post, "/api/events", TestEvents.Order(EventTypes.OrderPlaced, "O-1").ToJsonString(), "application/cloudevents+json");
        await ((Messages.Suppressions)factory.Services.GetService(typeof(Messages.Suppressions))!).AddAsync("kari@example.com", "test", "m", factory.Time.GetUtcNow());
        var body = new JsonObject { ["ruleId"] = "review-request", ["event"] = TestEvents.Order(EventTypes.OrderDelivered, "O-1") };

        var (_, result) = await api.SendAsync(HttpMethod.Post, "/api/rules/dry-run", body.ToJsonString());

        Assert.False(result!["wouldSchedule"]!.GetValue<bool>());
        Assert.Contains("unsubscribed", result["messages"]![0]!["cancelledBecause"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"event":{}}""", "ruleId")]
    [InlineData("""{"ruleId":"review-request","rule":{"trigger":"order.placed","delay":"P1D","templateId":"thank-you"},"event":{}}""", "ruleId")]
    [InlineData("""{"ruleId":"no-such-rule","event":null}""", "ruleId")]
    [InlineData("""{"rule":{"trigger":"order.placed","delay":"5 days","templateId":"thank-you"}}""", "rule.delay")]
    public async Task DryRun_ARequestItCannotTry_Is400NamingTheField(string body, string field)
    {
        await using var factory = await SelfHostFactory.CreateAsync();
        using var api = factory.CreateApiClient();

        var (response, problem) = await api.SendAsync(HttpMethod.Post, "/api/rules/dry-run", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(field, ApiClient.ErrorFields(problem));
    }
}
