using System.Net;
using System.Text.RegularExpressions;
using Azure.Data.Tables;
using FollowUp.Events;
using FollowUp.Links;
using FollowUp.Messages;
using FollowUp.Rules;
using FollowUp.Storage;
using FollowUp.Templates;
using FollowUp.Testing;
using Microsoft.Extensions.DependencyInjection;
using static FollowUp.SelfHost.Tests.Api.CustomerLinkClient;

namespace FollowUp.SelfHost.Tests.Api;

/// <summary>Review of the answers that can be changed: what a customer on the thanks page, and the data after it, should see.</summary>
public partial class AnswerChoicesTests
{
    [Fact]
    public async Task Answer_ChangedOnThePageWithThePrefilledCommentUntouched_HistoryDoesNotSayTheCommentChanged()
    {
        await using var factory = await SelfHostFactory.CreateAsync();
        using var api = factory.CreateApiClient();
        using var browser = factory.CreateClient();
        var (id, mail) = await SendNpsQuestionAsync(factory, api);
        var link = new Uri(PathOf(Links(mail.Content("text/html")!)[9]), UriKind.Relative);
        await browser.PostAsync(link, null);
        using var commented = new FormUrlEncodedContent([new("answer", "nps:9"), new("comment", "Rask levering.")]);
        var page = await (await browser.PostAsync(link, commented)).Content.ReadAsStringAsync();
        Assert.Contains(">Rask levering.</textarea>", page, StringComparison.Ordinal);

        // The page posts its form again as it shows it: another score, the comment box as it was filled in.
        using var changed = new FormUrlEncodedContent([new("answer", "nps:7"), new("comment", "Rask levering.")]);
        await browser.PostAsync(link, changed);

        var (_, message) = await api.SendAsync(HttpMethod.Get, "/api/messages/" + id);
        Assert.Equal(
            ["nps:9", "nps:9, with a comment", "nps:7 (changed from nps:9)"],
            message!["history"]!.AsArray().Where(h => h!["kind"]!.GetValue<string>() == "answered").Select(h => h!["detail"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Answer_CommentEmptiedInThePrefilledBoxAndSent_IsRemoved()
    {
        await using var factory = await SelfHostFactory.CreateAsync();
        using var api = factory.CreateApiClient();
        using var browser = factory.CreateClient();
        var (id, mail) = await SendNpsQuestionAsync(factory, api);
        var link = new Uri(PathOf(Links(mail.Content("text/html")!)[9]), UriKind.Relative);
        await browser.PostAsync(link, null);
        using var commented = new FormUrlEncodedContent([new("answer", "nps:9"), new("comment", "Feil person, beklager.")]);
        await browser.PostAsync(link, commented);

        using var emptied = new FormUrlEncodedContent([new("answer", "nps:9"), new("comment", "")]);
        var page = await (await browser.PostAsync(link, emptied)).Content.ReadAsStringAsync();

        Assert.DoesNotContain("Feil person, beklager.", page, StringComparison.Ordinal);
        var (_, message) = await api.SendAsync(HttpMethod.Get, "/api/messages/" + id);
        Assert.Null(message!["comment"]);
    }

    [Fact]
    public async Task Answer_ThanksPageScale_NamesEachScoreWithItsScaleAsTheMailDid()
    {
        await using var factory = await SelfHostFactory.CreateAsync();
        using var browser = factory.CreateClient();
        using var api = factory.CreateApiClient();
        var (_, mail) = await SendNpsQuestionAsync(factory, api);
        var link = new Uri(PathOf(Links(mail.Content("text/html")!)[9]), UriKind.Relative);

        var page = await (await browser.PostAsync(link, null)).Content.ReadAsStringAsync();

        // The mail's links say "0 av 10" … "10 av 10" to a screen reader; each radio on the page should too, not a bare "7".
        var radios = ScoreRadio().Matches(page).ToDictionary(m => m.Groups["answer"].Value, m => WebUtility.HtmlDecode(Regex.Replace(m.Groups["label"].Value, "<[^>]+>", " ")));
        Assert.Equal(11, radios.Count);
        Assert.All(Enumerable.Range(0, 11), n => Assert.Contains($"{n} av 10", radios[$"nps:{n}"], StringComparison.Ordinal));
    }

    [Fact]
    public async Task Message_AnsweredWithStarsBeforeScoresWereKept_ShowsItsScore()
    {
        await using var factory = await SelfHostFactory.CreateAsync();
        using var api = factory.CreateApiClient();
        using var browser = factory.CreateClient();
        var id = await SendSurveyAsync(factory, api);
        await browser.PostAsync(new Uri(PathOf(factory.Services.GetRequiredService<LinkSigner>().AnswerUrl(id, "rating-4")), UriKind.Relative), null);

        // A row answered before this version: the answer, no score columns, no choices.
        var stored = await factory.Services.GetRequiredService<MessageLedger>().FindAsync(id);
        (stored!.Score, stored.ScoreScale, stored.Choices) = (null, null, null);
        await factory.Services.GetRequiredService<FollowUpTables>().Messages.UpdateEntityAsync(stored, stored.ETag, TableUpdateMode.Replace);

        var (_, message) = await api.SendAsync(HttpMethod.Get, "/api/messages/" + id);
        Assert.Equal("rating-4", message!["answer"]!.GetValue<string>());
        Assert.Equal((4, "csat"), (message["score"]?.GetValue<int>(), message["scoreScale"]?.GetValue<string>()));
    }

    [Fact]
    public async Task Answer_CustomerWithoutALocale_PageSpeaksTheMailsLanguageAroundTheMailsWords()
    {
        await using var factory = await SelfHostFactory.CreateAsync(configure: settings => settings["FollowUp:DefaultLocale"] = "nb");
        using var api = factory.CreateApiClient();
        using var browser = factory.CreateClient();
        await factory.Services.GetRequiredService<TemplateLibrary>().SaveAsync(
            new MessageTemplate
            {
                Id = "why-lost",
                Locales = new Dictionary<string, TemplateContent>
                {
                    ["nb"] = new("Hvorfor?", "<a href=\"{{ answer_url \"slow\" \"Dere svarte for sent\" }}\">Dere svarte for sent</a> <a href=\"{{ answer_url \"budget\" \"Budsjettet\" }}\">Budsjettet</a> {{ unsubscribe_url }}", "{{ answer_url \"slow\" }} {{ unsubscribe_url }}"),
                    ["en"] = new("Why?", "<a href=\"{{ answer_url \"slow\" \"You answered too late\" }}\">You answered too late</a> <a href=\"{{ answer_url \"budget\" \"The budget\" }}\">The budget</a> {{ unsubscribe_url }}", "{{ answer_url \"slow\" }} {{ unsubscribe_url }}"),
                },
            },
            expectedVersion: null);
        var rules = factory.Services.GetRequiredService<RuleBook>();
        var survey = await rules.GetAsync("lost-sale-survey");
        await rules.SaveAsync(survey! with { TemplateId = "why-lost" }, expectedVersion: null);
        var lost = TestEvents.Deal(EventTypes.DealLost, "D-1");
        lost["data"]!["customer"]!.AsObject().Remove("locale");
        var (_, scheduled) = await api.SendAsync(HttpMethod.Post, "/api/events", lost.ToJsonString(), "application/cloudevents+json");
        var id = scheduled!["scheduled"]![0]!["messageId"]!.GetValue<string>();
        factory.Time.Advance(TimeSpan.FromDays(2));
        await factory.Services.GetRequiredService<FollowUp.Dispatch.MessageDispatcher>().DispatchDueAsync();
        var mail = factory.SendGrid.Accepted.Single(m => m.MessageId == id);
        Assert.Contains("Dere svarte for sent", mail.Content("text/html")!, StringComparison.Ordinal);

        var page = await (await browser.PostAsync(new Uri(PathOf(Links(mail.Content("text/html")!)[0]), UriKind.Relative), null)).Content.ReadAsStringAsync();

        // Not "Your answer has been recorded: “Dere svarte for sent”": one language on the page, the mail's.
        Assert.Contains("<html lang=\"nb\">", page, StringComparison.Ordinal);
        Assert.Contains("Svaret ditt er registrert: «Dere svarte for sent»", WebUtility.HtmlDecode(page), StringComparison.Ordinal);
    }

    [GeneratedRegex("<label><input type=\"radio\" name=\"answer\"[^>]*value=\"(?<answer>nps:\\d+)\"[^>]*>(?<label>.*?)</label>")]
    private static partial Regex ScoreRadio();
}
