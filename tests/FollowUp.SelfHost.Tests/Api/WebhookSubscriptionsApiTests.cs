using System.Net;
using System.Text.Json.Nodes;
using FollowUp.Feed;
using FollowUp.Testing;
using FollowUp.Webhooks;
using Microsoft.Extensions.DependencyInjection;
using static FollowUp.SelfHost.Tests.Api.CustomerLinkClient;

namespace FollowUp.SelfHost.Tests.Api;

/// <summary>Outbound webhooks: ledger events as signed CloudEvents to a loopback receiver that checks the signature (issue 10, part 5).</summary>
public class WebhookSubscriptionsApiTests
{
    [Fact]
    public async Task Webhook_ALostSaleAnswered_ReachesTheReceiverOnceAsASignedCloudEventWithTheReason()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var factory = await CreateAsync();
        using var api = factory.CreateApiClient();
        using var browser = factory.CreateClient();
        var (created, subscription) = await api.SendAsync(HttpMethod.Put, "/api/webhooks/crm", Subscription(receiver.Url, "sent", "answered").ToJsonString());
        receiver.Secret = subscription!["secret"]!.GetValue<string>();
        var id = await SendSurveyAsync(factory, api);
        await browser.PostAsync(new Uri(PathOf(factory.Services.GetRequiredService<Links.LinkSigner>().AnswerUrl(id, "service")), UriKind.Relative), null);

        await PassAsync(factory);
        await PassAsync(factory);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.StartsWith("whsec_", receiver.Secret, StringComparison.Ordinal);
        Assert.Equal(["followup.message.sent", "followup.message.answered"], receiver.Accepted.Select(r => r.Type));
        Assert.All(receiver.Received, r => Assert.True(r.Verified));
        var answered = receiver.Accepted[1];
        Assert.StartsWith("application/cloudevents+json", answered.ContentType, StringComparison.Ordinal);
        Assert.Equal(("1.0", answered.Id, id, "https://followup.test/api/messages"), (answered.CloudEvent!["specversion"]!.GetValue<string>(), answered.CloudEvent["id"]!.GetValue<string>(), answered.CloudEvent["subject"]!.GetValue<string>(), answered.CloudEvent["source"]!.GetValue<string>()));
        Assert.Equal(("service", "deal", "D-1", "lost-sale-survey"), (answered.Data!["answer"]!.GetValue<string>(), answered.Data["subjectKind"]!.GetValue<string>(), answered.Data["subjectId"]!.GetValue<string>(), answered.Data["ruleId"]!.GetValue<string>()));
        Assert.Null(answered.Data["email"]);
    }

    [Fact]
    public async Task Webhook_ReceiverFailingTwice_IsRetriedAfterFiveSecondsThenAMinuteUnderTheSameId()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var factory = await CreateAsync();
        using var api = factory.CreateApiClient();
        var (_, subscription) = await api.SendAsync(HttpMethod.Put, "/api/webhooks/crm", Subscription(receiver.Url, "scheduled").ToJsonString());
        receiver.Secret = subscription!["secret"]!.GetValue<string>();
        receiver.Enqueue(HttpStatusCode.InternalServerError, HttpStatusCode.ServiceUnavailable);
        await api.SendAsync(HttpMethod.Post, "/api/events", TestEvents.Deal(Events.EventTypes.DealLost, "D-1").ToJsonString(), "application/cloudevents+json");

        await PassAsync(factory);
        await PassAsync(factory);
        factory.Time.Advance(TimeSpan.FromSeconds(5));
        await PassAsync(factory);
        factory.Time.Advance(TimeSpan.FromSeconds(59));
        await PassAsync(factory);
        factory.Time.Advance(TimeSpan.FromSeconds(1));
        await PassAsync(factory);
        await PassAsync(factory);

        Assert.Equal([500, 503, 204], receiver.Received.Select(r => r.Status));
        Assert.Single(receiver.Received.Select(r => r.Id).Distinct());
        var (_, after) = await api.SendAsync(HttpMethod.Get, "/api/webhooks/crm");
        Assert.Null(after!["failingSince"]);
        Assert.NotNull(after["lastSuccessAt"]);
    }

    [Fact]
    public async Task Webhook_NothingGetsThroughForADay_IsGivenUpAndTheSubscriptionSwitchedOffWithTheReason()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var factory = await CreateAsync();
        using var api = factory.CreateApiClient();
        var (_, subscription) = await api.SendAsync(HttpMethod.Put, "/api/webhooks/crm", Subscription(receiver.Url, "scheduled").ToJsonString());
        receiver.Secret = subscription!["secret"]!.GetValue<string>();
        receiver.Default = HttpStatusCode.BadGateway;
        await api.SendAsync(HttpMethod.Post, "/api/events", TestEvents.Deal(Events.EventTypes.DealLost, "D-1").ToJsonString(), "application/cloudevents+json");

        for (var hour = 0; hour <= 26; hour++)
        {
            await PassAsync(factory);
            factory.Time.Advance(TimeSpan.FromMinutes(30));
            await PassAsync(factory);
            factory.Time.Advance(TimeSpan.FromMinutes(30));
        }

        var (_, after) = await api.SendAsync(HttpMethod.Get, "/api/webhooks/crm");
        Assert.False(after!["enabled"]!.GetValue<bool>());
        Assert.Contains("502", after["disabledReason"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(1, after["dropped"]!.GetValue<int>());
        Assert.InRange(receiver.Received.Count, 7, 9);

        // Switched on again, it gets events again.
        receiver.Default = HttpStatusCode.NoContent;
        var again = Subscription(receiver.Url, "scheduled");
        again["secret"] = receiver.Secret;
        var (_, enabled) = await api.SendAsync(HttpMethod.Put, "/api/webhooks/crm", again.ToJsonString(), configure: r => r.Headers.TryAddWithoutValidation("If-Match", "*"));
        await api.SendAsync(HttpMethod.Post, "/api/events", TestEvents.Deal(Events.EventTypes.DealLost, "D-2", customerId: "c-2", email: "ola@example.com").ToJsonString(), "application/cloudevents+json");
        await PassAsync(factory);
        Assert.True(enabled!["enabled"]!.GetValue<bool>());
        Assert.Null(enabled["disabledReason"]);
        Assert.Single(receiver.Accepted);
    }

    [Fact]
    public async Task Webhook_SignedWithAnotherSecret_IsRefusedByTheReceiverAndRetried()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var factory = await CreateAsync();
        using var api = factory.CreateApiClient();
        await api.SendAsync(HttpMethod.Put, "/api/webhooks/crm", Subscription(receiver.Url, "scheduled").ToJsonString());
        receiver.Secret = WebhookSubscriptions.NewSecret();
        await api.SendAsync(HttpMethod.Post, "/api/events", TestEvents.Deal(Events.EventTypes.DealLost, "D-1").ToJsonString(), "application/cloudevents+json");

        await PassAsync(factory);

        var refused = Assert.Single(receiver.Received);
        Assert.False(refused.Verified);
        Assert.Empty(receiver.Accepted);
    }

    [Fact]
    public async Task List_LeavesSecretsOut_AndDeleteStopsDeliveries()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var factory = await CreateAsync();
        using var api = factory.CreateApiClient();
        await api.SendAsync(HttpMethod.Put, "/api/webhooks/crm", Subscription(receiver.Url, "*").ToJsonString());
        var (_, list) = await api.SendAsync(HttpMethod.Get, "/api/webhooks");
        await api.SendAsync(HttpMethod.Post, "/api/events", TestEvents.Deal(Events.EventTypes.DealLost, "D-1").ToJsonString(), "application/cloudevents+json");
        await factory.Services.GetRequiredService<ChangeFeed>().RunAsync();

        var (deleted, _) = await api.SendAsync(HttpMethod.Delete, "/api/webhooks/crm");
        await factory.Services.GetRequiredService<WebhookSender>().DeliverDueAsync();
        var (missing, _) = await api.SendAsync(HttpMethod.Get, "/api/webhooks/crm");

        Assert.Equal(["crm"], list!.AsArray().Select(s => s!["id"]!.GetValue<string>()));
        Assert.Null(list[0]!["secret"]);
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Empty(receiver.Received);
    }

    [Theory]
    [InlineData("""{"url":"http://hooks.example.com/x","events":["sent"]}""", "url")]
    [InlineData("""{"url":"https://10.1.2.3/x","events":["sent"]}""", "url")]
    [InlineData("""{"url":"https://localhost/x","events":["sent"]}""", "url")]
    [InlineData("""{"url":"https://user:pw@hooks.example.com/x","events":["sent"]}""", "url")]
    [InlineData("""{"url":"hooks.example.com/x","events":["sent"]}""", "url")]
    [InlineData("""{"events":["sent"]}""", "url")]
    [InlineData("""{"url":"https://hooks.example.com/x","events":[]}""", "events")]
    [InlineData("""{"url":"https://hooks.example.com/x","events":["sent","shipped"]}""", "events[1]")]
    [InlineData("""{"url":"https://hooks.example.com/x","events":["sent"],"secret":"not-a-secret"}""", "secret")]
    [InlineData("""{"url":"https://hooks.example.com/x","events":["sent"],"colour":"red"}""", "colour")]
    public async Task Put_ASubscriptionFollowUpCannotOrMustNotDeliverTo_Is400NamingTheField(string body, string field)
    {
        await using var factory = await SelfHostFactory.CreateAsync();
        using var api = factory.CreateApiClient();

        var (response, problem) = await api.SendAsync(HttpMethod.Put, "/api/webhooks/crm", body);
        var (list, subscriptions) = await api.SendAsync(HttpMethod.Get, "/api/webhooks");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal([field], ApiClient.ErrorFields(problem));
        Assert.Empty(subscriptions!.AsArray());
    }

    [Fact]
    public async Task Put_AgainWithoutIfMatch_Is428AndKeepsTheFirst()
    {
        await using var factory = await SelfHostFactory.CreateAsync();
        using var api = factory.CreateApiClient();
        await api.SendAsync(HttpMethod.Put, "/api/webhooks/crm", Subscription("https://hooks.example.com/a", "sent").ToJsonString());

        var (again, _) = await api.SendAsync(HttpMethod.Put, "/api/webhooks/crm", Subscription("https://hooks.example.com/b", "sent").ToJsonString());
        var (_, kept) = await api.SendAsync(HttpMethod.Get, "/api/webhooks/crm");

        Assert.Equal((HttpStatusCode)428, again.StatusCode);
        Assert.Equal("https://hooks.example.com/a", kept!["url"]!.GetValue<string>());
    }

    private static Task<SelfHostFactory> CreateAsync() => SelfHostFactory.CreateAsync(configure: settings =>
    {
        settings["FollowUp:Webhooks:AllowHttp"] = "true";
        settings["FollowUp:Webhooks:AllowPrivateNetworks"] = "true";
    });

    private static JsonObject Subscription(string url, params string[] events) => new()
    {
        ["url"] = url,
        ["events"] = new JsonArray([.. events.Select(e => JsonValue.Create(e))]),
        ["description"] = "The CRM's lost-sale reasons",
    };

    private static Task PassAsync(SelfHostFactory factory) => ChangeFeedPass.RunAsync(factory.Services);
}
