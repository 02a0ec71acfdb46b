using System.Net;
using FollowUp.Events;
using FollowUp.Feed;
using FollowUp.Reports;
using FollowUp.Testing;
using Microsoft.Extensions.DependencyInjection;
using static FollowUp.SelfHost.Tests.Api.CustomerLinkClient;

namespace FollowUp.SelfHost.Tests.Api;

public class ReportsApiTests
{
    [Fact]
    public async Task Summary_AfterSurveysAreSentAndAnswered_CountsThemPerRulePhaseAndReason()
    {
        await using var factory = await SelfHostFactory.CreateAsync();
        using var api = factory.CreateApiClient();
        using var browser = factory.CreateClient();
        var id = await SendSurveyAsync(factory, api);
        await browser.PostAsync(new Uri(PathOf(factory.Services.GetRequiredService<Links.LinkSigner>().AnswerUrl(id, "service")), UriKind.Relative), null);
        await factory.Services.GetRequiredService<ChangeFeed>().RunAsync();

        var (response, report) = await api.SendAsync(HttpMethod.Get, "/api/reports/summary?from=2026-11-01&to=2026-11-30&phase=lostSale&interval=week");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var survey = report!["rules"]!.AsArray().Single()!;
        Assert.Equal(("lost-sale-survey", "lostSale"), (survey["ruleId"]!.GetValue<string>(), survey["phase"]!.GetValue<string>()));
        Assert.Equal((1, 1, 1), (survey["totals"]!["counts"]!["scheduled"]!.GetValue<int>(), survey["totals"]!["counts"]!["sent"]!.GetValue<int>(), survey["totals"]!["counts"]!["answered"]!.GetValue<int>()));
        Assert.Equal(1, survey["totals"]!["answers"]!["service"]!.GetValue<int>());
        Assert.Equal(["2026-11-23"], survey["series"]!.AsArray().Select(p => p!["start"]!.GetValue<string>()));
        Assert.Equal("week", report["interval"]!.GetValue<string>());
        Assert.Equal(["lostSale"], report["phases"]!.AsArray().Select(p => p!["phase"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Summary_NpsAndCsatAnswers_AreScoredFromTheirCounts()
    {
        await using var factory = await SelfHostFactory.CreateAsync();
        using var api = factory.CreateApiClient();
        var life = factory.Services.GetRequiredService<Messages.MessageLife>();
        var ids = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            var (_, lost) = await api.SendAsync(HttpMethod.Post, "/api/events", TestEvents.Deal(EventTypes.DealLost, $"D-{i}", customerId: $"c-{i}", email: $"p{i}@example.com").ToJsonString(), "application/cloudevents+json");
            ids.Add(lost!["scheduled"]![0]!["messageId"]!.GetValue<string>());
        }

        factory.Time.Advance(TimeSpan.FromDays(2));
        await factory.Services.GetRequiredService<FollowUp.Dispatch.MessageDispatcher>().DispatchDueAsync();
        Assert.Equal(4, factory.SendGrid.Accepted.Count);
        string[] answers = ["nps:10", "nps:9", "nps:3", "csat:4"];
        for (var i = 0; i < 4; i++)
        {
            await life.AnswerAsync(ids[i], answers[i]);
        }

        await factory.Services.GetRequiredService<ChangeFeed>().RunAsync();
        var (_, report) = await api.SendAsync(HttpMethod.Get, "/api/reports/summary?from=2026-11-23&to=2026-11-26");

        var totals = report!["totals"]!;
        Assert.Equal((3, 2, 1, 33.3), (totals["nps"]!["answers"]!.GetValue<int>(), totals["nps"]!["promoters"]!.GetValue<int>(), totals["nps"]!["detractors"]!.GetValue<int>(), totals["nps"]!["score"]!.GetValue<double>()));
        Assert.Equal((1, 4.0, 1.0), (totals["csat"]!["answers"]!.GetValue<int>(), totals["csat"]!["average"]!.GetValue<double>(), totals["csat"]!["satisfied"]!.GetValue<double>()));
    }

    [Theory]
    [InlineData("?rule=thank-you", "rule")]
    [InlineData("?from=2026-11-30&to=2026-11-01", "from")]
    [InlineData("?from=23.11.2026", "from")]
    [InlineData("?to=2026-02-30", "to")]
    [InlineData("?from=2024-01-01&to=2026-11-30", "to")]
    [InlineData("?phase=after-sale", "phase")]
    [InlineData("?interval=month", "interval")]
    [InlineData("?ruleId=Not%20A%20Rule", "ruleId")]
    [InlineData("?interval=day&interval=week", "interval")]
    public async Task Summary_AQueryItCannotAnswer_Is400NamingTheParameter(string query, string field)
    {
        await using var factory = await SelfHostFactory.CreateAsync();
        using var api = factory.CreateApiClient();

        var (response, problem) = await api.SendAsync(HttpMethod.Get, "/api/reports/summary" + query);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal([field], ApiClient.ErrorFields(problem));
    }

    [Fact]
    public async Task Summary_WithoutAKey_Is401()
    {
        await using var factory = await SelfHostFactory.CreateAsync();
        using var anonymous = factory.CreateClient();

        var response = await anonymous.GetAsync(new Uri("/api/reports/summary", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
