using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using FollowUp.Dispatch;
using FollowUp.Events;
using FollowUp.Messages;
using FollowUp.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace FollowUp.SelfHost.Tests.Api;

/// <summary>Defects found in review of the SendGrid Event Webhook (issue 10, part 1).</summary>
public class SendGridWebhookReviewTests
{
    private static async Task<(SelfHostFactory Factory, HttpClient Api, string MessageId)> SentThankYouAsync(Action<Dictionary<string, string?>>? configure = null)
    {
        var factory = await SelfHostFactory.CreateAsync(configure: configure);
        var api = factory.CreateApiClient();
        var (_, placed) = await api.SendAsync(HttpMethod.Post, "/api/events", TestEvents.Order(EventTypes.OrderPlaced, "A-1").ToJsonString(), "application/cloudevents+json");
        var id = placed!["scheduled"]!.AsArray().Single(m => m!["ruleId"]!.GetValue<string>() == "thank-you")!["messageId"]!.GetValue<string>();
        factory.Time.Advance(TimeSpan.FromHours(1));
        await factory.Services.GetRequiredService<MessageDispatcher>().DispatchDueAsync();
        return (factory, api, id);
    }

    private static async Task<(HttpStatusCode Status, JsonNode? Body)> PostAsync(SelfHostFactory factory, string body, string? signature = null)
    {
        using var client = factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/sendgrid") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        var (signed, timestamp) = factory.SendGrid.SignWebhook(body, factory.Time.GetUtcNow());
        request.Headers.Add("X-Twilio-Email-Event-Webhook-Signature", signature ?? signed);
        request.Headers.Add("X-Twilio-Email-Event-Webhook-Timestamp", timestamp);
        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        JsonNode? json = null;
        try
        {
            json = text.Length == 0 ? null : JsonNode.Parse(text);
        }
        catch (System.Text.Json.JsonException)
        {
        }

        return (response.StatusCode, json);
    }

    private static string Events(params JsonObject[] events) => new JsonArray(events).ToJsonString();

    [Theory]
    [InlineData("3085FFFFFFFFFF")] // a DER length of five bytes: int.Parse overflows in the SendGrid library's ECDSA parser
    [InlineData("30847FFFFFFF020101")] // a DER length of int.MaxValue: the slice's length overflows
    public async Task UnsignedRequestWithAHostileSignatureHeader_Is401Not500(string signatureHex)
    {
        var (factory, api, id) = await SentThankYouAsync();
        await using var _ = factory;
        using var __ = api;
        var body = Events(FakeSendGridServer.WebhookEvent("spamreport", id, factory.Time.GetUtcNow()));

        var (status, _) = await PostAsync(factory, body, Convert.ToBase64String(Convert.FromHexString(signatureHex)));

        Assert.Equal(HttpStatusCode.Unauthorized, status);
    }

    [Fact]
    public async Task ClickOnTheShopsHomePage_WhenFollowUpLivesUnderAPathOfTheSameHost_IsRecordedNot500()
    {
        // FollowUp behind the shop's own domain, at /followup; the mail links to the shop's home page too.
        var (factory, api, id) = await SentThankYouAsync(settings => settings["FollowUp:PublicBaseUrl"] = "https://tebutikken.example/followup");
        await using var _ = factory;
        using var __ = api;
        var click = FakeSendGridServer.WebhookEvent("click", id, factory.Time.GetUtcNow());
        click["url"] = "https://tebutikken.example/";
        var bounce = FakeSendGridServer.WebhookEvent("bounce", id, factory.Time.GetUtcNow());
        bounce["type"] = "bounce";
        bounce["reason"] = "550 5.1.1 User unknown";

        var (status, _) = await PostAsync(factory, Events(click, bounce));
        var (_, message) = await api.SendAsync(HttpMethod.Get, "/api/messages/" + id);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("bounced", message!["status"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("Recipient List over Package Quota")]
    [InlineData("Spam Content (if Spam Checker app is enabled)")]
    [InlineData("Invalid SMTPAPI header")]
    public async Task DropForTheSendersOwnReasons_DoesNotSuppressTheCustomer(string reason)
    {
        // SendGrid drops a message for reasons of the sending account or its content too; they say nothing of the address.
        var (factory, api, id) = await SentThankYouAsync();
        await using var _ = factory;
        using var __ = api;
        var dropped = FakeSendGridServer.WebhookEvent("dropped", id, factory.Time.GetUtcNow());
        dropped["reason"] = reason;

        var (status, _) = await PostAsync(factory, Events(dropped));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.False(await factory.Services.GetRequiredService<Suppressions>().IsSuppressedAsync("kari@example.com"));
    }

    [Fact]
    public async Task RetriedBatchWithMoreThanFortyEventsOfOneMessage_RecordsNothingTwice()
    {
        // SendGrid posts the same batch again when it had no answer in time; a captured request can be replayed within the age window.
        var (factory, api, id) = await SentThankYouAsync();
        await using var _ = factory;
        using var __ = api;
        var body = Events([.. Enumerable.Range(0, 41).Select(i => FakeSendGridServer.WebhookEvent("open", id, factory.Time.GetUtcNow(), $"open-{i:00}"))]);

        var (first, recorded) = await PostAsync(factory, body);
        var (again, retried) = await PostAsync(factory, body);

        Assert.Equal((HttpStatusCode.OK, 41), (first, recorded!["recorded"]!.GetValue<int>()));
        Assert.Equal((HttpStatusCode.OK, 0, 41), (again, retried!["recorded"]!.GetValue<int>(), retried["duplicates"]!.GetValue<int>()));
    }

    [Fact]
    public async Task SignedEventWithAnEscapedLoneSurrogate_IsNot500()
    {
        var (factory, api, id) = await SentThankYouAsync();
        await using var _ = factory;
        using var __ = api;
        var body = Events(FakeSendGridServer.WebhookEvent("delivered", id, factory.Time.GetUtcNow()))
            .Replace("\"event\":\"delivered\"", "\"event\":\"delivered\",\"reason\":\"\\ud800\"", StringComparison.Ordinal);
        Assert.Contains("\\ud800", body, StringComparison.Ordinal);

        var (status, _) = await PostAsync(factory, body);

        Assert.NotEqual(HttpStatusCode.InternalServerError, status);
    }

    [Fact]
    public async Task ClickOnALinkWithThePercentEncodedAddressInItsPath_KeepsTheAddressOutOfTheLedger()
    {
        var (factory, api, id) = await SentThankYouAsync();
        await using var _ = factory;
        using var __ = api;
        var click = FakeSendGridServer.WebhookEvent("click", id, factory.Time.GetUtcNow());
        click["url"] = "https://tebutikken.example/min-side/kari%40example.com/ordre";

        var (status, _) = await PostAsync(factory, Events(click));
        var (_, message) = await api.SendAsync(HttpMethod.Get, "/api/messages/" + id);

        Assert.Equal(HttpStatusCode.OK, status);
        var detail = message!["history"]!.AsArray().Last()!["detail"]!.GetValue<string>();
        Assert.StartsWith("clicked https://tebutikken.example/min-side/", detail, StringComparison.Ordinal);
        Assert.DoesNotContain("kari", detail, StringComparison.OrdinalIgnoreCase);
    }
}
