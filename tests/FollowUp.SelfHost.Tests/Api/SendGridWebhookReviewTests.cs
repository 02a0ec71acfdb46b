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

/// <summary>Defects found in review of the SendGrid Event Webhook (issue 10, part 1).</summary>
public class SendGridWebhookReviewTests
{
    [Theory]
    [InlineData("3085FFFFFFFFFF")] // a DER length of five bytes: int.Parse overflows in the SendGrid library's ECDSA parser
    [InlineData("30847FFFFFFF020101")] // a DER length of int.MaxValue: the slice's length overflows
    public async Task UnsignedRequestWithAHostileSignatureHeader_Is401Not500(string signatureHex)
    {
        var (factory, api, id) = await SentThankYouAsync();
        await using var _ = factory;
        using var __ = api;
        var body = Batch(FakeSendGridServer.WebhookEvent("spamreport", id, factory.Time.GetUtcNow()));

        var (status, _) = await PostAsync(factory, body, signature: Convert.ToBase64String(Convert.FromHexString(signatureHex)));

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

        var (status, _) = await PostAsync(factory, Batch(click, bounce));
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

        var (status, _) = await PostAsync(factory, Batch(dropped));

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
        var body = Batch([.. Enumerable.Range(0, 41).Select(i => FakeSendGridServer.WebhookEvent("open", id, factory.Time.GetUtcNow(), $"open-{i:00}"))]);

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
        var body = Batch(FakeSendGridServer.WebhookEvent("delivered", id, factory.Time.GetUtcNow()))
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

        var (status, _) = await PostAsync(factory, Batch(click));
        var (_, message) = await api.SendAsync(HttpMethod.Get, "/api/messages/" + id);

        Assert.Equal(HttpStatusCode.OK, status);
        var detail = message!["history"]!.AsArray().Last()!["detail"]!.GetValue<string>();
        Assert.StartsWith("clicked https://tebutikken.example/min-side/", detail, StringComparison.Ordinal);
        Assert.DoesNotContain("kari", detail, StringComparison.OrdinalIgnoreCase);
    }
}
