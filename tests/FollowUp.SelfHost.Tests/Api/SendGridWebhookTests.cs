using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using FollowUp.Dispatch;
using FollowUp.Events;
using FollowUp.Messages;
using FollowUp.Testing;
using Microsoft.Extensions.DependencyInjection;
using static FollowUp.SelfHost.Tests.Api.SendGridWebhookClient;

namespace FollowUp.SelfHost.Tests.Api;

/// <summary>
/// <c>POST /webhooks/sendgrid</c>, signed as SendGrid signs it (ECDSA over timestamp and body, with a key pair made by the
/// fake SendGrid) and verified by the SendGrid library's own validator.
/// </summary>
public class SendGridWebhookTests
{
    [Fact]
    public async Task DeliveredOpenedClicked_GoIntoTheLedgerOnceAndTheStatusIsTheFurthest()
    {
        var (factory, api, id) = await SentThankYouAsync();
        await using var _ = factory;
        using var __ = api;
        var at = factory.Time.GetUtcNow();
        var click = FakeSendGridServer.WebhookEvent("click", id, at);
        click["url"] = "https://tebutikken.example/te/oolong?utm_source=followup&email=kari%40example.com";
        var body = Batch(
            FakeSendGridServer.WebhookEvent("processed", id, at),
            FakeSendGridServer.WebhookEvent("delivered", id, at),
            FakeSendGridServer.WebhookEvent("open", id, at),
            click);

        var (status, result) = await PostAsync(factory, body);
        var (again, retried) = await PostAsync(factory, body);
        var (_, message) = await api.SendAsync(HttpMethod.Get, "/api/messages/" + id);
        var (_, clicked) = await api.SendAsync(HttpMethod.Get, "/api/messages?status=clicked");

        Assert.Equal((HttpStatusCode.OK, 4, 0), (status, result!["recorded"]!.GetValue<int>(), result["duplicates"]!.GetValue<int>()));
        Assert.Equal((HttpStatusCode.OK, 0, 4), (again, retried!["recorded"]!.GetValue<int>(), retried["duplicates"]!.GetValue<int>()));
        Assert.Equal("clicked", message!["status"]!.GetValue<string>());
        var deliveries = message["history"]!.AsArray().Where(h => h!["kind"]!.GetValue<string>() == "delivery").Select(h => h!["detail"]!.GetValue<string>()).ToList();
        Assert.Equal(["processed by SendGrid", "delivered to the recipient's mail server", "opened", "clicked https://tebutikken.example/te/oolong"], deliveries);
        Assert.Equal([id], clicked!["items"]!.AsArray().Select(m => m!["id"]!.GetValue<string>()));
    }

    [Fact]
    public async Task HardBounce_MarksItBouncedAndStopsMailToTheAddress()
    {
        var (factory, api, id) = await SentThankYouAsync();
        await using var _ = factory;
        using var __ = api;
        var bounce = FakeSendGridServer.WebhookEvent("bounce", id, factory.Time.GetUtcNow());
        bounce["type"] = "bounce";
        bounce["reason"] = "550 5.1.1 <kari@example.com>: Recipient address rejected: User unknown";

        var (status, _) = await PostAsync(factory, Batch(bounce));
        var (_, message) = await api.SendAsync(HttpMethod.Get, "/api/messages/" + id);
        var (_, later) = await api.SendAsync(HttpMethod.Post, "/api/events", TestEvents.Order(EventTypes.OrderPlaced, "A-2").ToJsonString(), "application/cloudevents+json");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("bounced", message!["status"]!.GetValue<string>());
        var detail = message["history"]!.AsArray().Last()!["detail"]!.GetValue<string>();
        Assert.StartsWith("bounced: 550 5.1.1", detail, StringComparison.Ordinal);
        Assert.DoesNotContain("kari@example.com", detail, StringComparison.Ordinal);
        Assert.Equal("cancelled", later!["scheduled"]!.AsArray().Single(m => m!["ruleId"]!.GetValue<string>() == "thank-you")!["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task SoftBounceAndDeferral_AreNotedButStopNothing()
    {
        var (factory, api, id) = await SentThankYouAsync();
        await using var _ = factory;
        using var __ = api;
        var blocked = FakeSendGridServer.WebhookEvent("bounce", id, factory.Time.GetUtcNow());
        blocked["type"] = "blocked";
        blocked["reason"] = "421 try again later";
        var deferred = FakeSendGridServer.WebhookEvent("deferred", id, factory.Time.GetUtcNow());
        deferred["attempt"] = "2";
        deferred["response"] = "451 greylisted";

        await PostAsync(factory, Batch(blocked, deferred));
        var (_, message) = await api.SendAsync(HttpMethod.Get, "/api/messages/" + id);

        Assert.Equal("sent", message!["status"]!.GetValue<string>());
        Assert.False(await factory.Services.GetRequiredService<Suppressions>().IsSuppressedAsync("kari@example.com"));
        Assert.Contains(message["history"]!.AsArray(), h => h!["detail"]!.GetValue<string>() == "deferred by the recipient's mail server (attempt 2): 451 greylisted");
    }

    [Fact]
    public async Task SpamReport_MarksItComplainedAndSuppressesEverything()
    {
        var (factory, api, id) = await SentThankYouAsync();
        await using var _ = factory;
        using var __ = api;

        await PostAsync(factory, Batch(FakeSendGridServer.WebhookEvent("delivered", id, factory.Time.GetUtcNow()), FakeSendGridServer.WebhookEvent("spamreport", id, factory.Time.GetUtcNow())));
        var (_, message) = await api.SendAsync(HttpMethod.Get, "/api/messages/" + id);

        Assert.Equal("complained", message!["status"]!.GetValue<string>());
        Assert.Equal(UnsubscribeScope.Everything, await factory.Services.GetRequiredService<Suppressions>().ScopeOfAsync("kari@example.com"));
    }

    [Fact]
    public async Task UnsignedTamperedOrOld_Is401AndRecordsNothing()
    {
        var (factory, api, id) = await SentThankYouAsync();
        await using var _ = factory;
        using var __ = api;
        var body = Batch(FakeSendGridServer.WebhookEvent("spamreport", id, factory.Time.GetUtcNow()));

        var (unsigned, problem) = await PostAsync(factory, body, sign: false);
        var (tampered, _) = await PostAsync(factory, body, tamper: text => text.Replace("spamreport", "delivered", StringComparison.Ordinal));
        var (old, oldProblem) = await PostAsync(factory, body, signedAt: factory.Time.GetUtcNow().AddMinutes(-10));
        var (_, message) = await api.SendAsync(HttpMethod.Get, "/api/messages/" + id);

        Assert.Equal((HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized), (unsigned, tampered, old));
        Assert.Contains("not signed", problem!["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("600 seconds ago", oldProblem!["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("sent", message!["status"]!.GetValue<string>());
        Assert.DoesNotContain(message["history"]!.AsArray(), h => h!["kind"]!.GetValue<string>() == "delivery");
    }

    [Theory]
    [InlineData("{\"event\":\"delivered\"}", "body")]
    [InlineData("[{\"event\":", "body")]
    public async Task MalformedEvents_Are400NamingWhere(string body, string field)
    {
        await using var factory = await SelfHostFactory.CreateAsync();

        var (status, problem) = await PostAsync(factory, body);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.NotNull(problem!["errors"]![field]);
    }

    [Fact]
    public async Task OddItemsInABatch_AreIgnoredAndTheBounceBesideThemIsKept()
    {
        var (factory, api, id) = await SentThankYouAsync();
        await using var _ = factory;
        using var __ = api;
        var bounce = FakeSendGridServer.WebhookEvent("bounce", id, factory.Time.GetUtcNow());
        bounce["type"] = "bounce";
        var body = "[5," + new JsonObject { ["sg_event_id"] = "no-event" }.ToJsonString() + "," + bounce.ToJsonString() + "]";

        var (status, result) = await PostAsync(factory, body);

        Assert.Equal((HttpStatusCode.OK, 1, 2), (status, result!["recorded"]!.GetValue<int>(), result["ignored"]!.GetValue<int>()));
        Assert.True(await factory.Services.GetRequiredService<Suppressions>().IsSuppressedAsync("kari@example.com"));
    }

    [Fact]
    public async Task EventsOfOtherMailAndUnknownKinds_AreCountedAndIgnored()
    {
        var (factory, api, id) = await SentThankYouAsync();
        await using var _ = factory;
        using var __ = api;

        var (status, result) = await PostAsync(factory, Batch(
            FakeSendGridServer.WebhookEvent("delivered", null, factory.Time.GetUtcNow()),
            FakeSendGridServer.WebhookEvent("delivered", "202611230900" + new string('a', 32), factory.Time.GetUtcNow()),
            FakeSendGridServer.WebhookEvent("group_resubscribe", id, factory.Time.GetUtcNow())));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal((0, 2, 1), (result!["recorded"]!.GetValue<int>(), result["unknownMessages"]!.GetValue<int>(), result["ignored"]!.GetValue<int>()));
    }
}
