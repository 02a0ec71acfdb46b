using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using FollowUp.Dispatch;
using FollowUp.Events;
using FollowUp.Rules;
using FollowUp.Templates;
using FollowUp.Testing;
using Microsoft.Extensions.DependencyInjection;
using static FollowUp.SelfHost.Tests.Api.CustomerLinkClient;

namespace FollowUp.SelfHost.Tests.Api;

/// <summary>Scores kept as numbers, and answers changed on the page to another the mail offered (issue 10, parts 2 and 3).</summary>
public partial class AnswerChoicesTests
{
    [Fact]
    public async Task NpsQuestion_TurnedOnAndSent_OffersElevenLabelledScoresAndKeepsTheChosenOneAsANumber()
    {
        await using var factory = await SelfHostFactory.CreateAsync();
        using var api = factory.CreateApiClient();
        using var browser = factory.CreateClient();
        var (id, mail) = await SendNpsQuestionAsync(factory, api);

        var html = mail.Content("text/html")!;
        var links = Links(html);
        Assert.Equal(11, links.Count);
        Assert.All(Enumerable.Range(0, 11), n => Assert.Contains($"aria-label=\"{n} av 10\"", html, StringComparison.Ordinal));

        var opened = await (await browser.GetAsync(new Uri(PathOf(links[9]), UriKind.Relative))).Content.ReadAsStringAsync();
        var thanks = await browser.PostAsync(new Uri(PathOf(links[9]), UriKind.Relative), null);
        var page = await thanks.Content.ReadAsStringAsync();

        Assert.Contains("«9 av 10»", WebUtility.HtmlDecode(opened), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, thanks.StatusCode);
        Assert.Equal(11, page.Split("type=\"radio\" name=\"answer\"").Length - 1);
        Assert.Contains("value=\"nps:9\" checked", page, StringComparison.Ordinal);
        var (_, message) = await api.SendAsync(HttpMethod.Get, "/api/messages/" + id);
        Assert.Equal(("nps:9", 9, "nps"), (message!["answer"]!.GetValue<string>(), message["score"]!.GetValue<int>(), message["scoreScale"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Answer_ChangedOnThePageToAnotherOfferedScore_IsRecordedWithWhatItWas()
    {
        await using var factory = await SelfHostFactory.CreateAsync();
        using var api = factory.CreateApiClient();
        using var browser = factory.CreateClient();
        var (id, mail) = await SendNpsQuestionAsync(factory, api);
        var link = new Uri(PathOf(Links(mail.Content("text/html")!)[9]), UriKind.Relative);
        await browser.PostAsync(link, null);

        using var change = new FormUrlEncodedContent([new("answer", "nps:3"), new("comment", "Leveringen tok for lang tid.")]);
        var changed = await browser.PostAsync(link, change);

        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.Contains("«3 av 10»", WebUtility.HtmlDecode(await changed.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        var (_, message) = await api.SendAsync(HttpMethod.Get, "/api/messages/" + id);
        Assert.Equal((3, "Leveringen tok for lang tid."), (message!["score"]!.GetValue<int>(), message["comment"]!.GetValue<string>()));
        Assert.Equal(
            ["nps:9", "nps:3 (changed from nps:9), with a comment"],
            message["history"]!.AsArray().Where(h => h!["kind"]!.GetValue<string>() == "answered").Select(h => h!["detail"]!.GetValue<string>()));
    }

    [Theory]
    [InlineData("price")]
    [InlineData("nps:11")]
    [InlineData("nps:3|nps:4")]
    [InlineData("no such answer!")]
    public async Task Answer_ChangedOnThePageToOneTheMailNeverOffered_Is400AndChangesNothing(string posted)
    {
        await using var factory = await SelfHostFactory.CreateAsync();
        using var api = factory.CreateApiClient();
        using var browser = factory.CreateClient();
        var (id, mail) = await SendNpsQuestionAsync(factory, api);
        var link = new Uri(PathOf(Links(mail.Content("text/html")!)[9]), UriKind.Relative);
        await browser.PostAsync(link, null);

        using var form = new FormUrlEncodedContent(posted.Split('|').Select(answer => new KeyValuePair<string, string>("answer", answer)));
        var (response, problem) = await api.SendAsync(HttpMethod.Post, link.ToString(), await form.ReadAsStringAsync(), "application/x-www-form-urlencoded");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["answer"], ApiClient.ErrorFields(problem));
        var (_, message) = await api.SendAsync(HttpMethod.Get, "/api/messages/" + id);
        Assert.Equal(("nps:9", 9), (message!["answer"]!.GetValue<string>(), message["score"]!.GetValue<int>()));
    }

    [Fact]
    public async Task Answer_OfATemplateOfYourOwn_IsNamedOnThePageInTheMailsWords()
    {
        await using var factory = await SelfHostFactory.CreateAsync();
        using var api = factory.CreateApiClient();
        using var browser = factory.CreateClient();
        await factory.Services.GetRequiredService<TemplateLibrary>().SaveAsync(
            new MessageTemplate
            {
                Id = "why-lost",
                Locales = new Dictionary<string, TemplateContent>
                {
                    ["nb"] = new("Hvorfor?", "<a href=\"{{ answer_url \"slow\" \"Dere svarte for sent\" }}\">Dere svarte for sent</a> <a href=\"{{ answer_url \"budget\" }}\">Budsjett</a> {{ unsubscribe_url }}", "{{ answer_url \"slow\" }} {{ unsubscribe_url }}"),
                },
            },
            expectedVersion: null);
        var survey = await factory.Services.GetRequiredService<RuleBook>().GetAsync("lost-sale-survey");
        await factory.Services.GetRequiredService<RuleBook>().SaveAsync(survey! with { TemplateId = "why-lost" }, expectedVersion: null);
        var id = await SendSurveyAsync(factory, api);
        var slow = new Uri(PathOf(Links(factory.SendGrid.Accepted.Single(m => m.MessageId == id).Content("text/html")!)[0]), UriKind.Relative);

        var confirm = WebUtility.HtmlDecode(await (await browser.GetAsync(slow)).Content.ReadAsStringAsync());
        var thanks = await (await browser.PostAsync(slow, null)).Content.ReadAsStringAsync();

        Assert.Contains("«Dere svarte for sent»", confirm, StringComparison.Ordinal);
        Assert.Contains("<span>Dere svarte for sent</span>", thanks, StringComparison.Ordinal);
        Assert.Contains("value=\"budget\"><span>budget</span>", thanks, StringComparison.Ordinal);
    }

    private static async Task<(string Id, SentMail Mail)> SendNpsQuestionAsync(SelfHostFactory factory, HttpClient api)
    {
        var rules = factory.Services.GetRequiredService<RuleBook>();
        var nps = await rules.GetAsync("nps-question");
        Assert.False(nps!.Enabled);
        await rules.SaveAsync(nps with { Enabled = true }, expectedVersion: null);
        var (_, delivered) = await api.SendAsync(HttpMethod.Post, "/api/events", TestEvents.Order(EventTypes.OrderDelivered, "O-1").ToJsonString(), "application/cloudevents+json");
        var id = delivered!["scheduled"]!.AsArray().Single(s => s!["ruleId"]!.GetValue<string>() == "nps-question")!["messageId"]!.GetValue<string>();

        // Fourteen days, then the window (Mon–Sat, 10–19 in Oslo).
        factory.Time.Advance(TimeSpan.FromDays(14));
        var dispatcher = factory.Services.GetRequiredService<MessageDispatcher>();
        for (var hour = 0; hour < 72 && !factory.SendGrid.Accepted.Any(m => m.MessageId == id); hour++)
        {
            await dispatcher.DispatchDueAsync();
            factory.Time.Advance(TimeSpan.FromHours(1));
        }

        return (id, factory.SendGrid.Accepted.Single(m => m.MessageId == id));
    }

    private static List<string> Links(string html) => [.. AnswerLink().Matches(html).Select(m => WebUtility.HtmlDecode(m.Groups[1].Value))];

    [GeneratedRegex("href=\"(https://followup\\.test/r/[^\"]+)\"")]
    private static partial Regex AnswerLink();
}
