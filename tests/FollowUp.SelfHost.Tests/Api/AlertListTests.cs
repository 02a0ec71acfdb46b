using System.Net;
using FollowUp.Links;
using FollowUp.Testing;
using Microsoft.Extensions.DependencyInjection;
using static FollowUp.SelfHost.Tests.Api.CustomerLinkClient;

namespace FollowUp.SelfHost.Tests.Api;

/// <summary>The console's list of answers that needed a person, and closing them.</summary>
public class AlertListTests
{
    [Fact]
    public async Task AnAnswerThatNeedsAPerson_IsListedOpen_ThenResolvedWithWhoAndANote()
    {
        await using var factory = await SelfHostFactory.CreateAsync();
        using var api = factory.CreateApiClient();
        using var browser = factory.CreateClient();
        var id = await SendSurveyAsync(factory, api);
        using var comment = new FormUrlEncodedContent([new("comment", "Ingen ringte oss tilbake.")]);
        await browser.PostAsync(Link(factory, id, "service"), comment);
        await ChangeFeedPass.RunAsync(factory.Services);

        var (listed, open) = await api.SendAsync(HttpMethod.Get, "/api/alerts?status=open");

        Assert.Equal(HttpStatusCode.OK, listed.StatusCode);
        var alert = Assert.Single(open!["items"]!.AsArray())!;
        Assert.Equal((id, "lost-sale-survey", "c-9", "D-1"), (alert["messageId"]!.GetValue<string>(), alert["ruleId"]!.GetValue<string>(), alert["customerId"]!.GetValue<string>(), alert["dealId"]!.GetValue<string>()));
        Assert.Equal(("service", "Ingen ringte oss tilbake.", "open"), (alert["answer"]!.GetValue<string>(), alert["comment"]!.GetValue<string>(), alert["status"]!.GetValue<string>()));
        Assert.NotNull(alert["answerLabel"]);
        Assert.Equal("the answer 'service', one rule lost-sale-survey alerts on; a comment", alert["why"]!.GetValue<string>());
        Assert.Null(alert["orderId"]);

        factory.Time.Advance(TimeSpan.FromHours(1));
        var (resolved, after) = await api.SendAsync(HttpMethod.Post, $"/api/alerts/{id}/resolve", """{"note":"Ringte Per; nytt tilbud på mandag."}""");
        var (again, same) = await api.SendAsync(HttpMethod.Post, $"/api/alerts/{id}/resolve", """{"note":"a second note"}""");

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (resolved.StatusCode, again.StatusCode));
        Assert.Equal(("resolved", "self-host", "Ringte Per; nytt tilbud på mandag."), (after!["status"]!.GetValue<string>(), after["resolvedBy"]!.GetValue<string>(), after["note"]!.GetValue<string>()));
        Assert.Equal(factory.Time.GetUtcNow(), after["resolvedAt"]!.GetValue<DateTimeOffset>());
        Assert.Equal("Ringte Per; nytt tilbud på mandag.", same!["note"]!.GetValue<string>());
        Assert.Empty((await api.SendAsync(HttpMethod.Get, "/api/alerts?status=open")).Body!["items"]!.AsArray());
        Assert.Single((await api.SendAsync(HttpMethod.Get, "/api/alerts?status=resolved")).Body!["items"]!.AsArray());
    }

    [Fact]
    public async Task AnAnswerNobodyCanActOn_IsNotListed()
    {
        await using var factory = await SelfHostFactory.CreateAsync();
        using var api = factory.CreateApiClient();
        using var browser = factory.CreateClient();
        var id = await SendSurveyAsync(factory, api);
        await browser.PostAsync(Link(factory, id, "price"), null);
        await ChangeFeedPass.RunAsync(factory.Services);

        Assert.Empty((await api.SendAsync(HttpMethod.Get, "/api/alerts")).Body!["items"]!.AsArray());
        Assert.Equal(HttpStatusCode.NotFound, (await api.SendAsync(HttpMethod.Post, $"/api/alerts/{id}/resolve")).Response.StatusCode);
    }

    [Fact]
    public async Task WithAlertMailsOff_AnswersThatNeedAPersonAreStillListed_AndNoMailGoes()
    {
        await using var factory = await SelfHostFactory.CreateAsync(configure: s => s["FollowUp:Alerts:Enabled"] = "false");
        using var api = factory.CreateApiClient();
        using var browser = factory.CreateClient();
        var id = await SendSurveyAsync(factory, api);
        await browser.PostAsync(Link(factory, id, "product-fit"), null);
        await ChangeFeedPass.RunAsync(factory.Services);
        factory.Time.Advance(TimeSpan.FromMinutes(3));
        await ChangeFeedPass.RunAsync(factory.Services);

        Assert.Single((await api.SendAsync(HttpMethod.Get, "/api/alerts?status=open")).Body!["items"]!.AsArray());
        Assert.DoesNotContain(factory.SendGrid.Accepted, m => m.Body["personalizations"]?[0]?["custom_args"]?["followup_alert_for"] is not null);
    }

    [Fact]
    public async Task AResolvedAlert_WhoseCustomerAnswersAgainWithAComment_IsOpenAgainOnce()
    {
        await using var factory = await SelfHostFactory.CreateAsync();
        using var api = factory.CreateApiClient();
        using var browser = factory.CreateClient();
        var id = await SendSurveyAsync(factory, api);
        await browser.PostAsync(Link(factory, id, "service"), null);
        await ChangeFeedPass.RunAsync(factory.Services);
        await api.SendAsync(HttpMethod.Post, $"/api/alerts/{id}/resolve");

        factory.Time.Advance(TimeSpan.FromDays(1));
        using var comment = new FormUrlEncodedContent([new("comment", "Fortsatt ingen svar.")]);
        await browser.PostAsync(Link(factory, id, "service"), comment);
        await ChangeFeedPass.RunAsync(factory.Services);
        await ChangeFeedPass.RunAsync(factory.Services);

        var alert = Assert.Single((await api.SendAsync(HttpMethod.Get, "/api/alerts")).Body!["items"]!.AsArray())!;
        Assert.Equal(("open", "Fortsatt ingen svar."), (alert["status"]!.GetValue<string>(), alert["comment"]!.GetValue<string>()));
        Assert.True(alert["answeredAt"]!.GetValue<DateTimeOffset>() > alert["firstRaisedAt"]!.GetValue<DateTimeOffset>());
        Assert.Null(alert["resolvedBy"]);
    }

    [Fact]
    public async Task ErasingTheCustomer_TakesTheirAlertOffTheList()
    {
        await using var factory = await SelfHostFactory.CreateAsync();
        using var api = factory.CreateApiClient();
        using var browser = factory.CreateClient();
        var id = await SendSurveyAsync(factory, api);
        using var comment = new FormUrlEncodedContent([new("comment", "Ring meg på 900 00 000.")]);
        await browser.PostAsync(Link(factory, id, "service"), comment);
        await ChangeFeedPass.RunAsync(factory.Services);
        Assert.Single((await api.SendAsync(HttpMethod.Get, "/api/alerts")).Body!["items"]!.AsArray());

        await api.SendAsync(HttpMethod.Delete, "/api/customers/c-9");
        await ChangeFeedPass.RunAsync(factory.Services);

        Assert.Empty((await api.SendAsync(HttpMethod.Get, "/api/alerts")).Body!["items"]!.AsArray());
        Assert.Equal(HttpStatusCode.NotFound, (await api.SendAsync(HttpMethod.Post, $"/api/alerts/{id}/resolve")).Response.StatusCode);
    }

    private static Uri Link(SelfHostFactory factory, string id, string answer) =>
        new(PathOf(factory.Services.GetRequiredService<LinkSigner>().AnswerUrl(id, answer)), UriKind.Relative);
}
