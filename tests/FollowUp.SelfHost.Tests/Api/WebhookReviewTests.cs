using System.Net;
using System.Text.Json.Nodes;
using Azure;
using Azure.Data.Tables;
using FollowUp.Feed;
using FollowUp.Storage;
using FollowUp.Testing;
using FollowUp.Webhooks;
using Microsoft.Extensions.DependencyInjection;
using static FollowUp.SelfHost.Tests.Api.CustomerLinkClient;

namespace FollowUp.SelfHost.Tests.Api;

/// <summary>Hostile review of outbound webhooks, as a CRM that integrates them sees them.</summary>
public class WebhookReviewTests
{
    [Fact]
    public async Task Webhook_ReceiverRefusingAMessagesFirstEventOnce_StillGetsItsEventsInTheOrderTheyHappened()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var factory = await CreateAsync();
        using var api = factory.CreateApiClient();
        using var browser = factory.CreateClient();
        var (_, subscription) = await api.SendAsync(HttpMethod.Put, "/api/webhooks/crm", Subscription(receiver.Url, "sent", "answered").ToJsonString());
        receiver.Secret = subscription!["secret"]!.GetValue<string>();
        var id = await SendSurveyAsync(factory, api);
        await browser.PostAsync(new Uri(PathOf(factory.Services.GetRequiredService<Links.LinkSigner>().AnswerUrl(id, "service")), UriKind.Relative), null);

        // The CRM is being deployed: the first post is answered 503, and "answered" waits for "sent" — for one pass.
        receiver.Enqueue(HttpStatusCode.ServiceUnavailable);
        await PassAsync(factory);
        await PassAsync(factory);
        factory.Time.Advance(TimeSpan.FromSeconds(5));
        await PassAsync(factory);

        // A CRM that moves the deal on each event now has it "sent" after "answered".
        Assert.Equal(["followup.message.sent", "followup.message.answered"], receiver.Accepted.Select(r => r.Type));
    }

    [Fact]
    public async Task Put_WithIfMatchWhileTheSenderNotesAFailedDelivery_IsSavedNot503()
    {
        var interleave = new StorageInterleave();
        await using var factory = await SelfHostFactory.CreateAsync(services: interleave.InstallIn);
        using var api = factory.CreateApiClient();
        await api.SendAsync(HttpMethod.Put, "/api/webhooks/crm", Subscription("https://hooks.example.com/a", "sent").ToJsonString());
        var (read, _) = await api.SendAsync(HttpMethod.Get, "/api/webhooks/crm");

        // The integrator fixes the URL of a failing receiver; between the API's read and its write, the sender notes
        // another failure on the row (RecordFailureAsync's merge). Nobody changed the subscription: its version is the same.
        var webhooks = factory.Services.GetRequiredService<FollowUpTables>().Webhooks.Name;
        interleave.Arm(
            (method, path, _) => method == "PUT" && path.Contains(webhooks + "(", StringComparison.Ordinal),
            other => other.GetTableClient(webhooks).UpdateEntityAsync(new TableEntity("subscription", "crm") { ["LastFailure"] = "the receiver answered 502 Bad Gateway" }, ETag.All, TableUpdateMode.Merge));
        var (fixedUrl, _) = await api.SendAsync(HttpMethod.Put, "/api/webhooks/crm", Subscription("https://hooks.example.com/b", "sent").ToJsonString(), configure: r => r.Headers.TryAddWithoutValidation("If-Match", read.Headers.ETag!.Tag));
        var (_, kept) = await api.SendAsync(HttpMethod.Get, "/api/webhooks/crm");

        Assert.Equal(1, interleave.Made);
        Assert.Equal(HttpStatusCode.OK, fixedUrl.StatusCode);
        Assert.Equal("https://hooks.example.com/b", kept!["url"]!.GetValue<string>());
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
    };

    private static Task PassAsync(SelfHostFactory factory) => ChangeFeedPass.RunAsync(factory.Services);
}
