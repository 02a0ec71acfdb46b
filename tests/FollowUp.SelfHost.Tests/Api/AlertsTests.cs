using System.Net;
using System.Text.Json.Nodes;
using FollowUp.Alerts;
using FollowUp.Feed;
using FollowUp.Links;
using FollowUp.Rules;
using FollowUp.Testing;
using FollowUp.Webhooks;
using Microsoft.Extensions.DependencyInjection;
using static FollowUp.SelfHost.Tests.Api.CustomerLinkClient;

namespace FollowUp.SelfHost.Tests.Api;

/// <summary>Answers that need a person reach one, once (issue 10, part 4).</summary>
public class AlertsTests
{
    [Fact]
    public async Task LostSaleReasonService_WithACommentAddedOnTheThanksPage_ReachesTheDealsOwnerInOneMailOnce()
    {
        await using var factory = await SelfHostFactory.CreateAsync();
        using var api = factory.CreateApiClient();
        using var browser = factory.CreateClient();
        var id = await SendSurveyAsync(factory, api);
        var link = new Uri(PathOf(factory.Services.GetRequiredService<LinkSigner>().AnswerUrl(id, "service")), UriKind.Relative);
        await browser.PostAsync(link, null);
        await PassAsync(factory);
        using var comment = new FormUrlEncodedContent([new("comment", "Ingen ringte oss tilbake etter tilbudet.")]);
        await browser.PostAsync(link, comment);
        await PassAsync(factory);

        factory.Time.Advance(TimeSpan.FromMinutes(2));
        await PassAsync(factory);
        await PassAsync(factory);

        var alert = Assert.Single(Alerts(factory));
        Assert.Equal("silje@example.com", alert.To);
        Assert.Contains("Oppfølgingen fra oss", alert.Subject, StringComparison.Ordinal);
        Assert.Contains("Ingen ringte oss tilbake etter tilbudet.", alert.Content("text/plain"), StringComparison.Ordinal);
        Assert.Contains($"https://followup.test/api/messages/{id}", alert.Content("text/plain"), StringComparison.Ordinal);
        Assert.Null(alert.Header("List-Unsubscribe"));
        Assert.Null(alert.MessageId);
        var (_, message) = await api.SendAsync(HttpMethod.Get, "/api/messages/" + id);
        var alerted = Assert.Single(message!["history"]!.AsArray(), h => h!["kind"]!.GetValue<string>() == "alerted");
        Assert.Contains("the answer 'service', one rule lost-sale-survey alerts on; a comment", alerted!["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("price")]
    [InlineData("competitor")]
    public async Task LostSaleReasonNoOneCanActOn_WithoutAComment_RaisesNoAlert(string answer)
    {
        await using var factory = await SelfHostFactory.CreateAsync();
        using var api = factory.CreateApiClient();
        using var browser = factory.CreateClient();
        var id = await SendSurveyAsync(factory, api);
        await browser.PostAsync(new Uri(PathOf(factory.Services.GetRequiredService<LinkSigner>().AnswerUrl(id, answer)), UriKind.Relative), null);

        await PassAsync(factory);
        factory.Time.Advance(TimeSpan.FromMinutes(3));
        await PassAsync(factory);

        Assert.Empty(Alerts(factory));
    }

    [Theory]
    [InlineData("nps:3", true)]
    [InlineData("nps:6", true)]
    [InlineData("nps:7", false)]
    [InlineData("csat:2", true)]
    [InlineData("csat:3", false)]
    public async Task ScoreAnswer_AlertsTheRulesAddressForADetractorOrTheDissatisfiedOnly(string answer, bool alerts)
    {
        await using var factory = await SelfHostFactory.CreateAsync();
        using var api = factory.CreateApiClient();
        var id = await SendOrderFollowUpAsync(factory, api, new RuleAlerts { To = "kundeservice@example.com" });
        await factory.Services.GetRequiredService<Messages.MessageLife>().AnswerAsync(id, answer);

        await PassAsync(factory);
        factory.Time.Advance(TimeSpan.FromMinutes(3));
        await PassAsync(factory);

        Assert.Equal(alerts ? ["kundeservice@example.com"] : [], Alerts(factory).Select(m => m.To));
    }

    [Fact]
    public async Task Alert_WithNoAddressAnywhere_IsNotedOnTheMessageInsteadOfSent()
    {
        await using var factory = await SelfHostFactory.CreateAsync();
        using var api = factory.CreateApiClient();
        var id = await SendOrderFollowUpAsync(factory, api, alerts: null);
        await factory.Services.GetRequiredService<Messages.MessageLife>().AnswerAsync(id, "csat:1");

        await PassAsync(factory);
        factory.Time.Advance(TimeSpan.FromMinutes(3));
        await PassAsync(factory);

        Assert.Empty(Alerts(factory));
        var (_, message) = await api.SendAsync(HttpMethod.Get, "/api/messages/" + id);
        Assert.Contains(message!["history"]!.AsArray(), h => h!["kind"]!.GetValue<string>() == "alerted" && h["detail"]!.GetValue<string>().Contains("no address", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Alert_WhoseSenderStoppedWhileSendingIt_IsNotSentAgainButNoted()
    {
        await using var factory = await SelfHostFactory.CreateAsync(configure: s => s["FollowUp:Alerts:To"] = "kundeservice@example.com");
        using var api = factory.CreateApiClient();
        var id = await SendOrderFollowUpAsync(factory, api, alerts: null);
        await factory.Services.GetRequiredService<Messages.MessageLife>().AnswerAsync(id, "csat:1");
        await PassAsync(factory);
        factory.Time.Advance(TimeSpan.FromMinutes(3));

        // A sender claims it, and dies before it knows whether the mail went.
        var outbox = factory.Services.GetRequiredService<AlertOutbox>();
        Assert.NotNull(await outbox.ClaimAsync(Assert.Single(await outbox.DueAsync(10)), TimeSpan.FromMinutes(5)));
        factory.Time.Advance(TimeSpan.FromMinutes(6));
        await PassAsync(factory);
        await PassAsync(factory);

        Assert.Empty(Alerts(factory));
        var (_, message) = await api.SendAsync(HttpMethod.Get, "/api/messages/" + id);
        Assert.Contains(message!["history"]!.AsArray(), h => h!["kind"]!.GetValue<string>() == "alerted" && h["detail"]!.GetValue<string>().Contains("may have gone out", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Alert_ReachesWebhookSubscribersAsAnAlertEventWithTheAnswer()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var factory = await SelfHostFactory.CreateAsync(configure: s =>
        {
            s["FollowUp:Webhooks:AllowHttp"] = "true";
            s["FollowUp:Webhooks:AllowPrivateNetworks"] = "true";
        });
        using var api = factory.CreateApiClient();
        var (_, subscription) = await api.SendAsync(HttpMethod.Put, "/api/webhooks/crm", new JsonObject { ["url"] = receiver.Url, ["events"] = new JsonArray("alert") }.ToJsonString());
        receiver.Secret = subscription!["secret"]!.GetValue<string>();
        var id = await SendSurveyAsync(factory, api);
        await factory.Services.GetRequiredService<Messages.MessageLife>().AnswerAsync(id, "product-fit");

        await PassAsync(factory);
        factory.Time.Advance(TimeSpan.FromMinutes(3));
        await PassAsync(factory);
        await PassAsync(factory);

        var alert = Assert.Single(receiver.Accepted);
        Assert.Equal(("followup.message.alert", "product-fit", "D-1"), (alert.Type, alert.Data!["answer"]!.GetValue<string>(), alert.Data["subjectId"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Alert_WhoseSendFailedForNowWhileACommentCameIn_IsSentLaterNotNotedAsMaybeSent()
    {
        await using var factory = await SelfHostFactory.CreateAsync(configure: s => s["FollowUp:Alerts:To"] = "kundeservice@example.com");
        using var api = factory.CreateApiClient();
        var life = factory.Services.GetRequiredService<Messages.MessageLife>();
        var id = await SendOrderFollowUpAsync(factory, api, alerts: null);
        await life.AnswerAsync(id, "csat:1");
        await PassAsync(factory);
        factory.Time.Advance(TimeSpan.FromMinutes(3));

        // A sender claims the alert; while SendGrid answers 429, the customer adds a comment and the feed widens the alert.
        var outbox = factory.Services.GetRequiredService<AlertOutbox>();
        var claimed = await outbox.ClaimAsync(Assert.Single(await outbox.DueAsync(10)), TimeSpan.FromMinutes(5));
        await life.AnswerAsync(id, "csat:1", "Pakken kom knust.");
        await factory.Services.GetRequiredService<ChangeFeed>().RunAsync();
        await outbox.RetryAsync(claimed!, factory.Time.GetUtcNow() + TimeSpan.FromMinutes(1), "429 Too Many Requests");

        // Surely not sent (SendGrid refused it), so it must go out, with the comment.
        factory.Time.Advance(TimeSpan.FromMinutes(6));
        await PassAsync(factory);
        await PassAsync(factory);

        var (_, message) = await api.SendAsync(HttpMethod.Get, "/api/messages/" + id);
        Assert.DoesNotContain(message!["history"]!.AsArray(), h => h!["kind"]!.GetValue<string>() == "alerted" && h["detail"]!.GetValue<string>().Contains("may have gone out", StringComparison.Ordinal));
        var alert = Assert.Single(Alerts(factory));
        Assert.Contains("Pakken kom knust.", alert.Content("text/plain"), StringComparison.Ordinal);
    }

    private static IReadOnlyList<SentMail> Alerts(SelfHostFactory factory) =>
        [.. factory.SendGrid.Accepted.Where(m => m.Body["personalizations"]?[0]?["custom_args"]?["followup_alert_for"] is not null)];

    /// <summary>A review request for an order, sent: the rule's alerts set as given.</summary>
    private static async Task<string> SendOrderFollowUpAsync(SelfHostFactory factory, HttpClient api, RuleAlerts? alerts)
    {
        var rules = factory.Services.GetRequiredService<RuleBook>();
        await rules.SaveAsync((await rules.GetAsync("review-request"))! with { Alerts = alerts }, expectedVersion: null);
        var (_, delivered) = await api.SendAsync(HttpMethod.Post, "/api/events", TestEvents.Order(Events.EventTypes.OrderDelivered, "O-1").ToJsonString(), "application/cloudevents+json");
        var id = delivered!["scheduled"]!.AsArray().Single(s => s!["ruleId"]!.GetValue<string>() == "review-request")!["messageId"]!.GetValue<string>();
        var dispatcher = factory.Services.GetRequiredService<FollowUp.Dispatch.MessageDispatcher>();
        factory.Time.Advance(TimeSpan.FromDays(5));
        for (var hour = 0; hour < 48 && !factory.SendGrid.Accepted.Any(m => m.MessageId == id); hour++)
        {
            await dispatcher.DispatchDueAsync();
            factory.Time.Advance(TimeSpan.FromHours(1));
        }

        Assert.Contains(factory.SendGrid.Accepted, m => m.MessageId == id);
        return id;
    }

    private static Task PassAsync(SelfHostFactory factory) => ChangeFeedPass.RunAsync(factory.Services);
}
