using System.Net;
using System.Text.Json.Nodes;
using FollowUp.Dispatch;
using FollowUp.Events;
using FollowUp.SelfHost.Tests.Api;
using FollowUp.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace FollowUp.SelfHost.Tests.Replay;

/// <summary>POST /api/replay: the events kept, decided again under a proposal, against what was (issue 11, part 5).</summary>
public class ReplayTests
{
    private static readonly DateTimeOffset From = PipelineHarness.Start.AddHours(-1);
    private static readonly DateTimeOffset To = PipelineHarness.Start.AddDays(7);

    [Fact]
    public async Task Replay_TheThankYouThreeHoursOnInsteadOfOne_ShowsTheLaterTimeAgainstTheOneScheduled()
    {
        await using var factory = await SelfHostFactory.CreateAsync();
        using var api = factory.CreateApiClient();
        await PostAsync(api, TestEvents.Order(EventTypes.OrderPlaced, "O-1"));
        factory.Time.Advance(TimeSpan.FromDays(1));
        var thankYou = await ProposedAsync(api, "thank-you");
        thankYou["delay"] = "PT3H";

        var result = await ReplayAsync(api, new JsonObject { ["changes"] = new JsonArray(thankYou) });

        Assert.Equal(1, result["events"]!.GetValue<int>());
        Assert.Equal((1, 1, 1, 0), Counts(result, "thank-you"));
        Assert.Equal(1, result["differenceCount"]!.GetValue<int>());
        var difference = Assert.Single(result["differences"]!.AsArray())!;
        Assert.Equal(
            ("order.placed/O-1", "c-1", "thank-you", "would schedule for 2026-11-23T11:00Z", "scheduled for 2026-11-23T09:00Z"),
            (difference["eventId"]!.GetValue<string>(), difference["customerId"]!.GetValue<string>(), difference["ruleId"]!.GetValue<string>(), difference["proposal"]!.GetValue<string>(), difference["actual"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Replay_TheSavedRulesUnchanged_ShowsNoDifferenceAndTheSameCounts()
    {
        await using var factory = await SelfHostFactory.CreateAsync();
        using var api = factory.CreateApiClient();
        await PostAsync(api, TestEvents.Order(EventTypes.OrderPlaced, "O-1"));
        await PostAsync(api, TestEvents.Order(EventTypes.OrderPlaced, "O-2", customerId: "c-2", email: "ola@example.com"));
        factory.Time.Advance(TimeSpan.FromDays(1));
        await PostAsync(api, TestEvents.Order(EventTypes.OrderDelivered, "O-1"));
        await PostAsync(api, TestEvents.Deal(EventTypes.DealLost, "D-1"));
        factory.Time.Advance(TimeSpan.FromDays(1));

        var result = await ReplayAsync(api, new JsonObject { ["changes"] = new JsonArray() });

        Assert.Equal((4, 0), (result["events"]!.GetValue<int>(), result["differenceCount"]!.GetValue<int>()));
        Assert.Equal((2, 2, 2, 0), Counts(result, "thank-you"));
        Assert.Equal((1, 1, 1, 0), Counts(result, "review-request"));
        Assert.Equal((1, 1, 1, 0), Counts(result, "lost-sale-survey"));
        Assert.Equal((0, 0, 0, 0), Counts(result, "loyalty-reward"));
    }

    [Fact]
    public async Task Replay_TheThirdOrderOfACustomerWhoseFirstTwoAreBeforeTheRange_SeesTheirHistoryAsThen()
    {
        await using var factory = await SelfHostFactory.CreateAsync();
        using var api = factory.CreateApiClient();
        await PostAsync(api, TestEvents.Order(EventTypes.OrderPlaced, "O-1"));
        await PostAsync(api, TestEvents.Order(EventTypes.OrderPlaced, "O-2"));
        factory.Time.Advance(TimeSpan.FromDays(1));
        await PostAsync(api, TestEvents.Order(EventTypes.OrderPlaced, "O-3"));
        factory.Time.Advance(TimeSpan.FromHours(1));

        var unchanged = await ReplayAsync(api, new JsonObject { ["changes"] = new JsonArray(), ["from"] = PipelineHarness.Start.AddHours(12) });
        var loyalty = await ProposedAsync(api, "loyalty-reward");
        loyalty["condition"] = "customer.order_count == 4";
        var changed = await ReplayAsync(api, new JsonObject { ["changes"] = new JsonArray(loyalty), ["from"] = PipelineHarness.Start.AddHours(12) });

        Assert.Equal((1, 0), (unchanged["events"]!.GetValue<int>(), unchanged["differenceCount"]!.GetValue<int>()));
        Assert.Equal((1, 1, 1, 0), Counts(unchanged, "loyalty-reward"));
        Assert.Equal((0, 0, 1, 0), Counts(changed, "loyalty-reward"));
        var difference = Assert.Single(changed["differences"]!.AsArray())!;
        Assert.Equal("would not schedule: condition 'customer.order_count == 4' is false", difference["proposal"]!.GetValue<string>());
        Assert.StartsWith("scheduled for ", difference["actual"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Replay_AnOrderCancelledWithinTheRange_WouldNotSendWhatItsCancelStops_AndWouldWithoutTheCancelOn()
    {
        await using var factory = await SelfHostFactory.CreateAsync();
        using var api = factory.CreateApiClient();
        await PostAsync(api, TestEvents.Order(EventTypes.OrderPlaced, "O-1"));
        factory.Time.Advance(TimeSpan.FromMinutes(30));
        await PostAsync(api, TestEvents.Order(EventTypes.OrderCancelled, "O-1"));
        factory.Time.Advance(TimeSpan.FromDays(1));
        var thankYou = await ProposedAsync(api, "thank-you");
        thankYou["cancelOn"] = new JsonArray();

        var unchanged = await ReplayAsync(api, new JsonObject { ["changes"] = new JsonArray() });
        var withoutCancel = await ReplayAsync(api, new JsonObject { ["changes"] = new JsonArray(thankYou) });

        Assert.Equal((1, 0, 1, 0), Counts(unchanged, "thank-you"));
        Assert.Equal((1, 1, 1, 0), Counts(withoutCancel, "thank-you"));
        Assert.Equal(0, withoutCancel["differenceCount"]!.GetValue<int>());
    }

    [Fact]
    public async Task Replay_APurchaseAndItsCancelInOneBatch_ReplaysThemInTheOrderIngestTookThem()
    {
        await using var factory = await SelfHostFactory.CreateAsync();
        using var api = factory.CreateApiClient();
        var batch = new JsonArray(TestEvents.Order(EventTypes.OrderPlaced, "O-1"), TestEvents.Order(EventTypes.OrderCancelled, "O-1"));
        var (posted, _) = await api.SendAsync(HttpMethod.Post, "/api/events", batch.ToJsonString(), "application/cloudevents-batch+json");
        factory.Time.Advance(TimeSpan.FromDays(1));

        var result = await ReplayAsync(api, new JsonObject { ["changes"] = new JsonArray() });

        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        Assert.Equal((2, 0), (result["events"]!.GetValue<int>(), result["differenceCount"]!.GetValue<int>()));
        Assert.Equal((1, 0, 1, 0), Counts(result, "thank-you"));
    }

    [Fact]
    public async Task Replay_AThankYouSent_CountsItAsSentAndAsWouldSend()
    {
        await using var factory = await SelfHostFactory.CreateAsync();
        using var api = factory.CreateApiClient();
        await PostAsync(api, TestEvents.Order(EventTypes.OrderPlaced, "O-1"));
        factory.Time.Advance(TimeSpan.FromHours(2));
        await factory.Services.GetRequiredService<MessageDispatcher>().DispatchDueAsync();

        var result = await ReplayAsync(api, new JsonObject { ["changes"] = new JsonArray() });

        Assert.Single(factory.SendGrid.Accepted);
        Assert.Equal((1, 1, 1, 1), Counts(result, "thank-you"));
    }

    [Fact]
    public async Task Replay_TheWholeRuleSetWithoutTheThankYou_WouldScheduleNoneAndNamesWhy()
    {
        await using var factory = await SelfHostFactory.CreateAsync();
        using var api = factory.CreateApiClient();
        await PostAsync(api, TestEvents.Order(EventTypes.OrderPlaced, "O-1"));
        factory.Time.Advance(TimeSpan.FromDays(1));

        var result = await ReplayAsync(api, new JsonObject { ["rules"] = new JsonArray(await ProposedAsync(api, "review-request")) });

        Assert.Equal((0, 0, 1, 0), Counts(result, "thank-you"));
        Assert.False(result["rules"]!.AsArray().Single(r => r!["ruleId"]!.GetValue<string>() == "thank-you")!["inProposal"]!.GetValue<bool>());
        var difference = Assert.Single(result["differences"]!.AsArray())!;
        Assert.Equal("would not schedule: the proposal has no such rule", difference["proposal"]!.GetValue<string>());
    }

    [Fact]
    public async Task Replay_EventsOlderThanTheRetention_AreNeverReplayed_AndThePruneDeletesThem()
    {
        await using var factory = await SelfHostFactory.CreateAsync(configure: settings => settings["FollowUp:Replay:Retention"] = "P2D");
        using var api = factory.CreateApiClient();
        await PostAsync(api, TestEvents.Order(EventTypes.OrderPlaced, "O-1"));
        factory.Time.Advance(TimeSpan.FromDays(1));
        await PostAsync(api, TestEvents.Order(EventTypes.OrderPlaced, "O-2"));
        factory.Time.Advance(TimeSpan.FromDays(1.5));

        var before = await ReplayAsync(api, new JsonObject { ["changes"] = new JsonArray() });
        var keptBefore = await KeptEventsAsync(api, "c-1");
        await ChangeFeedPass.RunAsync(factory.Services);
        var keptAfter = await KeptEventsAsync(api, "c-1");

        Assert.Equal(1, before["events"]!.GetValue<int>());
        Assert.Equal(factory.Time.GetUtcNow().AddDays(-2), before["from"]!.GetValue<DateTimeOffset>());
        Assert.Equal((1, 1, 1, 0), Counts(before, "thank-you"));
        Assert.Equal(2, keptBefore.Count);
        var kept = Assert.Single(keptAfter);
        Assert.Contains("O-2", kept!["Event"]!["data"]!["order"]!["id"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Replay_ACustomerErased_LeavesNoneOfTheirEvents_WhichTheExportShowedBefore()
    {
        await using var factory = await SelfHostFactory.CreateAsync();
        using var api = factory.CreateApiClient();
        await PostAsync(api, TestEvents.Order(EventTypes.OrderPlaced, "O-1"));
        await PostAsync(api, TestEvents.Order(EventTypes.OrderDelivered, "O-1"));
        await PostAsync(api, TestEvents.Order(EventTypes.OrderPlaced, "O-7", customerId: "c-2", email: "ola@example.com"));

        var exported = await KeptEventsAsync(api, "c-1");
        var (erased, _) = await api.SendAsync(HttpMethod.Delete, "/api/customers/c-1");
        var result = await ReplayAsync(api, new JsonObject { ["changes"] = new JsonArray() });

        Assert.Equal(2, exported.Count);
        Assert.Contains(exported, e => e!["Event"]!["data"]!["customer"]!["email"]!.GetValue<string>() == "kari@example.com");
        Assert.Equal(HttpStatusCode.OK, erased.StatusCode);
        Assert.Equal(1, result["events"]!.GetValue<int>());
        Assert.Equal((1, 1, 1, 0), Counts(result, "thank-you"));
        Assert.Equal(0, Counts(result, "review-request").WouldSchedule);
        var (export, _) = await api.SendAsync(HttpMethod.Get, "/api/customers/c-1/export");
        Assert.Equal(HttpStatusCode.NotFound, export.StatusCode);
    }

    public static TheoryData<string, string> BadBodies() => new()
    {
        { """{"from":"2026-11-22T00:00:00Z","to":"2026-11-24T00:00:00Z"}""", "rules" },
        { """{"rules":[],"changes":[],"from":"2026-11-22T00:00:00Z","to":"2026-11-24T00:00:00Z"}""", "rules" },
        { """{"changes":[],"to":"2026-11-24T00:00:00Z"}""", "from" },
        { """{"changes":[],"from":"2026-11-22T00:00:00Z"}""", "to" },
        { """{"changes":[],"from":"2026-11-24T00:00:00Z","to":"2026-11-22T00:00:00Z"}""", "to" },
        { """{"changes":[],"from":"2026-08-01T00:00:00Z","to":"2026-11-24T00:00:00Z"}""", "to" },
        { """{"changes":[],"from":"last week","to":"2026-11-24T00:00:00Z"}""", "from" },
        { """{"changes":[],"form":"2026-11-22T00:00:00Z","to":"2026-11-24T00:00:00Z"}""", "form" },
        { """{"changes":[null],"from":"2026-11-22T00:00:00Z","to":"2026-11-24T00:00:00Z"}""", "changes[0]" },
        { """{"changes":[{"trigger":"order.placed","delay":"PT1H","templateId":"thank-you"}],"from":"2026-11-22T00:00:00Z","to":"2026-11-24T00:00:00Z"}""", "changes[0].id" },
        { """{"changes":[{"id":"Thank You","trigger":"order.placed","delay":"PT1H","templateId":"thank-you"}],"from":"2026-11-22T00:00:00Z","to":"2026-11-24T00:00:00Z"}""", "changes[0].id" },
        { """{"rules":[{"id":"a","trigger":"order.placed","delay":"PT1H","templateId":"thank-you"},{"id":"a","trigger":"order.placed","delay":"PT1H","templateId":"thank-you"}],"from":"2026-11-22T00:00:00Z","to":"2026-11-24T00:00:00Z"}""", "rules[1].id" },
        { """{"rules":[{"id":"a","trigger":"order.placed","delay":"2 hours","templateId":"thank-you"}],"from":"2026-11-22T00:00:00Z","to":"2026-11-24T00:00:00Z"}""", "rules[0].delay" },
        { """{"rules":[{"id":"a","trigger":"order.sent","delay":"PT1H","templateId":"thank-you"}],"from":"2026-11-22T00:00:00Z","to":"2026-11-24T00:00:00Z"}""", "rules[0].trigger" },
        { """{"rules":[{"id":"a","trigger":"order.placed","delay":"PT1H","templateId":"thanks"}],"from":"2026-11-22T00:00:00Z","to":"2026-11-24T00:00:00Z"}""", "rules[0].templateId" },
        { """{"rules":[{"id":"a","trigger":"order.placed","condition":"customer.order_count ==","delay":"PT1H","templateId":"thank-you"}],"from":"2026-11-22T00:00:00Z","to":"2026-11-24T00:00:00Z"}""", "rules[0].condition" },
        { """{"rules":[{"id":"a","trigger":"order.placed","delay":"PT1H","templateId":"thank-you","template_id":"x"}],"from":"2026-11-22T00:00:00Z","to":"2026-11-24T00:00:00Z"}""", "rules[0].template_id" },
        { "[]", "body" },
    };

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task Replay_BadInput_Is400NamingTheField(string body, string field)
    {
        await using var factory = await SelfHostFactory.CreateAsync();
        using var api = factory.CreateApiClient();

        var (response, problem) = await api.SendAsync(HttpMethod.Post, "/api/replay", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(field, ApiClient.ErrorFields(problem));
    }

    [Fact]
    public async Task Replay_AFeedbackRuleWhoseTemplateHasNoUnsubscribeLink_Is400AsAPutWouldBe()
    {
        await using var factory = await SelfHostFactory.CreateAsync();
        using var api = factory.CreateApiClient();
        var template = new JsonObject { ["locales"] = new JsonObject { ["en"] = new JsonObject { ["subject"] = "Hi", ["html"] = "<p>How was it?</p>", ["text"] = "How was it?" } } };
        await api.SendAsync(HttpMethod.Put, "/api/templates/bare", template.ToJsonString());
        var rule = new JsonObject { ["id"] = "ask", ["trigger"] = "order.delivered", ["delay"] = "P5D", ["templateId"] = "bare", ["category"] = "feedback" };

        var (response, problem) = await api.SendAsync(HttpMethod.Post, "/api/replay", new JsonObject { ["rules"] = new JsonArray(rule), ["from"] = From, ["to"] = To }.ToJsonString());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("unsubscribe", problem!["errors"]!["rules[0].templateId"]![0]!.GetValue<string>(), StringComparison.Ordinal);
    }

    private static async Task PostAsync(HttpClient api, JsonObject cloudEvent)
    {
        var (response, _) = await api.SendAsync(HttpMethod.Post, "/api/events", cloudEvent.ToJsonString(), "application/cloudevents+json");
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    /// <summary>A saved rule as a proposal takes it: its id and the rule as a PUT takes it.</summary>
    private static async Task<JsonObject> ProposedAsync(HttpClient api, string ruleId)
    {
        var (_, rule) = await api.SendAsync(HttpMethod.Get, "/api/rules/" + ruleId);
        var input = rule!.AsObject().DeepClone().AsObject();
        input.Remove("version");
        input.Remove("updatedAt");
        return input;
    }

    private static async Task<JsonObject> ReplayAsync(HttpClient api, JsonObject body)
    {
        body["from"] ??= From;
        body["to"] ??= To;
        var (response, result) = await api.SendAsync(HttpMethod.Post, "/api/replay", body.ToJsonString());
        Assert.True(response.StatusCode == HttpStatusCode.OK, result?.ToJsonString());
        Assert.False(result!["truncated"]!.GetValue<bool>());
        return result.AsObject();
    }

    private static (int WouldSchedule, int WouldSend, int ActuallyScheduled, int ActuallySent) Counts(JsonObject result, string ruleId)
    {
        var rule = result["rules"]!.AsArray().Single(r => r!["ruleId"]!.GetValue<string>() == ruleId)!;
        return (rule["wouldSchedule"]!.GetValue<int>(), rule["wouldSend"]!.GetValue<int>(), rule["actuallyScheduled"]!.GetValue<int>(), rule["actuallySent"]!.GetValue<int>());
    }

    private static async Task<List<JsonNode?>> KeptEventsAsync(HttpClient api, string customerId)
    {
        var (_, export) = await api.SendAsync(HttpMethod.Get, $"/api/customers/{customerId}/export");
        return [.. export?["records"]?.AsArray().Where(r => r!["kind"]!.GetValue<string>() == "event kept for replays") ?? []];
    }
}
