using System.Net;
using FollowUp.Dispatch;
using FollowUp.Events;
using FollowUp.Links;
using FollowUp.Testing;
using Microsoft.Extensions.DependencyInjection;
using static FollowUp.SelfHost.Tests.Api.CustomerLinkClient;

namespace FollowUp.SelfHost.Tests.Api;

public class LinksApiTests
{
    [Fact]
    public async Task Answer_LinkOpenedByAScanner_RecordsAClickAndNoAnswer()
    {
        await using var factory = await SelfHostFactory.CreateAsync();
        using var api = factory.CreateApiClient();
        using var browser = factory.CreateClient();
        var id = await SendSurveyAsync(factory, api);
        var link = PathOf(factory.Services.GetRequiredService<LinkSigner>().AnswerUrl(id, "competitor"));

        var first = await browser.GetAsync(new Uri(link, UriKind.Relative));
        var second = await browser.GetAsync(new Uri(link, UriKind.Relative));
        var page = WebUtility.HtmlDecode(await first.Content.ReadAsStringAsync());

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (first.StatusCode, second.StatusCode));
        Assert.Contains("Bekreft svaret ditt", page, StringComparison.Ordinal);
        Assert.Contains($"<form id=\"confirm\" method=\"post\" action=\"{link.Split('?')[0]}\">", page, StringComparison.Ordinal);
        var nonce = System.Text.RegularExpressions.Regex.Match(page, "<script nonce=\"([^\"]+)\"").Groups[1].Value;
        Assert.Contains($"script-src 'nonce-{nonce}'", first.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        var (_, message) = await api.SendAsync(HttpMethod.Get, "/api/messages/" + id);
        Assert.Equal("clicked", message!["status"]!.GetValue<string>());
        Assert.Null(message["answer"]);
        Assert.Single(message["history"]!.AsArray(), h => h!["kind"]!.GetValue<string>() == "clicked");
    }

    [Fact]
    public async Task Answer_ConfirmedTwiceThenCommented_RecordsOnceThanksInTheCustomersLanguageAndKeepsTheComment()
    {
        await using var factory = await SelfHostFactory.CreateAsync();
        using var api = factory.CreateApiClient();
        using var browser = factory.CreateClient();
        var id = await SendSurveyAsync(factory, api);
        var link = PathOf(factory.Services.GetRequiredService<LinkSigner>().AnswerUrl(id, "competitor"));

        using var empty = new FormUrlEncodedContent([]);
        var first = await browser.PostAsync(new Uri(link, UriKind.Relative), empty);
        var second = await browser.PostAsync(new Uri(link, UriKind.Relative), empty);
        using var comment = new FormUrlEncodedContent([new("comment", "Dere var for trege med tilbudet.\u0007")]);
        var commented = await browser.PostAsync(new Uri(link, UriKind.Relative), comment);

        Assert.Contains("Takk for svaret", WebUtility.HtmlDecode(await first.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Contains("<textarea id=\"comment\" name=\"comment\"", await first.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("allerede", WebUtility.HtmlDecode(await second.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Contains("kommentaren din", WebUtility.HtmlDecode(await commented.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        var (_, message) = await api.SendAsync(HttpMethod.Get, "/api/messages/" + id);
        Assert.Equal("answered", message!["status"]!.GetValue<string>());
        Assert.Equal("competitor", message["answer"]!.GetValue<string>());
        Assert.Equal("Dere var for trege med tilbudet.", message["comment"]!.GetValue<string>());
        Assert.Equal(["competitor", "competitor, with a comment"], message["history"]!.AsArray().Where(h => h!["kind"]!.GetValue<string>() == "answered").Select(h => h!["detail"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Answer_CommentTooLong_Is400AndKeepsNothing()
    {
        await using var factory = await SelfHostFactory.CreateAsync();
        using var api = factory.CreateApiClient();
        using var browser = factory.CreateClient();
        var id = await SendSurveyAsync(factory, api);
        var link = PathOf(factory.Services.GetRequiredService<LinkSigner>().AnswerUrl(id, "price"));

        using var comment = new FormUrlEncodedContent([new("comment", new string('x', 1001))]);
        var response = await browser.PostAsync(new Uri(link, UriKind.Relative), comment);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var (_, message) = await api.SendAsync(HttpMethod.Get, "/api/messages/" + id);
        Assert.Equal("sent", message!["status"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("nn-NO", "Stadfest svaret ditt", "«Pris»")]
    [InlineData("da-DK", "Bekræft dit svar", "»Pris«")]
    [InlineData("sv-SE", "Bekräfta ditt svar", "”Pris”")]
    [InlineData("en-GB", "Confirm your answer", "“Price”")]
    public async Task Answer_PageIsInTheMessagesLanguage(string locale, string title, string answer)
    {
        await using var factory = await SelfHostFactory.CreateAsync();
        using var api = factory.CreateApiClient();
        using var browser = factory.CreateClient();
        var id = await SendSurveyAsync(factory, api, locale);
        var link = PathOf(factory.Services.GetRequiredService<LinkSigner>().AnswerUrl(id, "price"));

        var page = WebUtility.HtmlDecode(await (await browser.GetAsync(new Uri(link, UriKind.Relative))).Content.ReadAsStringAsync());

        Assert.Contains($"<h1>{title}</h1>", page, StringComparison.Ordinal);
        Assert.Contains(answer, page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Answer_TamperedToken_Is400AndChangesNothing()
    {
        await using var factory = await SelfHostFactory.CreateAsync();
        using var api = factory.CreateApiClient();
        using var browser = factory.CreateClient();
        var id = await SendSurveyAsync(factory, api);
        var genuine = PathOf(factory.Services.GetRequiredService<LinkSigner>().AnswerUrl(id, "price"));
        var tampered = genuine[..^3] + (genuine[^3] == 'A' ? "B" : "A") + genuine[^2..];

        var (problem, body) = await browser.SendAsync(HttpMethod.Get, tampered);
        var page = await browser.SendAsync(HttpMethod.Get, tampered, configure: r => r.Headers.Accept.ParseAdd("text/html"));

        Assert.Equal(HttpStatusCode.BadRequest, problem.StatusCode);
        Assert.Equal(["token"], ApiClient.ErrorFields(body));
        Assert.Equal(HttpStatusCode.BadRequest, page.Response.StatusCode);
        Assert.Equal("text/html", page.Response.Content.Headers.ContentType?.MediaType);
        var (_, message) = await api.SendAsync(HttpMethod.Get, "/api/messages/" + id);
        Assert.Equal("sent", message!["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task Unsubscribe_GetConfirmsOnlyAndOneClickPostUnsubscribes()
    {
        await using var factory = await SelfHostFactory.CreateAsync();
        using var api = factory.CreateApiClient();
        using var browser = factory.CreateClient();
        var (_, placed) = await api.SendAsync(HttpMethod.Post, "/api/events", TestEvents.Order(EventTypes.OrderPlaced, "A-1").ToJsonString(), "application/cloudevents+json");
        var (_, delivered) = await api.SendAsync(HttpMethod.Post, "/api/events", TestEvents.Order(EventTypes.OrderDelivered, "A-1").ToJsonString(), "application/cloudevents+json");
        var thankYou = placed!["scheduled"]![0]!["messageId"]!.GetValue<string>();
        var review = delivered!["scheduled"]![0]!["messageId"]!.GetValue<string>();
        var link = PathOf(factory.Services.GetRequiredService<LinkSigner>().UnsubscribeUrl(thankYou));

        var confirm = await browser.GetAsync(new Uri(link, UriKind.Relative));
        var (_, afterGet) = await api.SendAsync(HttpMethod.Get, "/api/messages/" + review);
        using var oneClick = new FormUrlEncodedContent([new("List-Unsubscribe", "One-Click")]);
        var unsubscribed = await browser.PostAsync(new Uri(link, UriKind.Relative), oneClick);
        var (_, afterPost) = await api.SendAsync(HttpMethod.Get, "/api/messages/" + review);

        Assert.Equal(HttpStatusCode.OK, confirm.StatusCode);
        Assert.Contains("<form method=\"post\"", await confirm.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("scheduled", afterGet!["status"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, unsubscribed.StatusCode);
        Assert.Equal("cancelled", afterPost!["status"]!.GetValue<string>());
        // Unsubscribed without a choice from a thank-you (a service message): that stops everything.
        Assert.Equal("the address has unsubscribed from everything", afterPost["reason"]!.GetValue<string>());
    }

    [Fact]
    public async Task Unsubscribe_PageOffersThreeChoicesAndPostsTheOneChosen()
    {
        await using var factory = await SelfHostFactory.CreateAsync();
        using var api = factory.CreateApiClient();
        using var browser = factory.CreateClient();
        var (_, delivered) = await api.SendAsync(HttpMethod.Post, "/api/events", TestEvents.Order(EventTypes.OrderDelivered, "A-1").ToJsonString(), "application/cloudevents+json");
        var review = delivered!["scheduled"]![0]!["messageId"]!.GetValue<string>();
        var link = PathOf(factory.Services.GetRequiredService<LinkSigner>().UnsubscribeUrl(review));

        var page = WebUtility.HtmlDecode(await (await browser.GetAsync(new Uri(link, UriKind.Relative))).Content.ReadAsStringAsync());
        using var bad = new FormUrlEncodedContent([new("scope", "all-of-it")]);
        var refused = await browser.PostAsync(new Uri(link, UriKind.Relative), bad);
        var (_, afterBad) = await api.SendAsync(HttpMethod.Get, "/api/messages/" + review);
        using var marketing = new FormUrlEncodedContent([new("scope", "marketing")]);
        var chosen = await browser.PostAsync(new Uri(link, UriKind.Relative), marketing);
        var (_, afterMarketing) = await api.SendAsync(HttpMethod.Get, "/api/messages/" + review);

        // In Norwegian (the customer's locale), one radio per choice with its label; the one-click default preselected.
        Assert.Contains("<legend>Jeg vil ikke lenger få</legend>", page, StringComparison.Ordinal);
        Assert.Equal(3, page.Split("type=\"radio\" name=\"scope\"").Length - 1);
        Assert.Contains("value=\"marketing-and-feedback\" checked", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal("scheduled", afterBad!["status"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, chosen.StatusCode);
        Assert.Contains("Du får ikke flere tilbud fra oss", WebUtility.HtmlDecode(await chosen.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal("scheduled", afterMarketing!["status"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("nn-NO", "Kva vil du ikkje lenger få?")]
    [InlineData("da-DK", "Hvad vil du ikke længere modtage?")]
    [InlineData("sv-SE", "Vad vill du inte längre få?")]
    [InlineData("de-DE", "What would you like to stop?")]
    public async Task Unsubscribe_PageIsInTheMessagesLanguageWithTheSendersName(string locale, string title)
    {
        await using var factory = await SelfHostFactory.CreateAsync();
        using var api = factory.CreateApiClient();
        using var browser = factory.CreateClient();
        var (_, delivered) = await api.SendAsync(HttpMethod.Post, "/api/events", TestEvents.Order(EventTypes.OrderDelivered, "A-1", locale: locale).ToJsonString(), "application/cloudevents+json");
        var link = PathOf(factory.Services.GetRequiredService<LinkSigner>().UnsubscribeUrl(delivered!["scheduled"]![0]!["messageId"]!.GetValue<string>()));

        var response = await browser.GetAsync(new Uri(link, UriKind.Relative));
        var page = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

        Assert.Contains($"<h1>{title}</h1>", page, StringComparison.Ordinal);
        Assert.Contains($"<div class=\"brand\">{factory.Settings["FollowUp:SendGrid:FromName"]}</div>", page, StringComparison.Ordinal);
        Assert.Contains("script-src 'none'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
    }


    /// <summary>A lost deal, two days on: its survey has been sent and its answer links can be clicked.</summary>
}
