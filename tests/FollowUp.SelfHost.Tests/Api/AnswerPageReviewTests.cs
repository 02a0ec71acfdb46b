using System.Net;
using System.Text;
using FollowUp.Dispatch;
using FollowUp.Events;
using FollowUp.Links;
using FollowUp.Testing;
using Microsoft.Extensions.DependencyInjection;
using static FollowUp.SelfHost.Tests.Api.CustomerLinkClient;

namespace FollowUp.SelfHost.Tests.Api;

/// <summary>Defects found in review of the answer pages (issue 10, part 2).</summary>
public class AnswerPageReviewTests
{
    [Fact]
    public async Task Answer_CommentAsABrowserPostsItAtTheTextareasMaxLengthWithLineBreaks_IsKept()
    {
        // The textarea's maxlength counts a line break once; a browser submits each as CR LF.
        await using var factory = await SelfHostFactory.CreateAsync();
        using var api = factory.CreateApiClient();
        using var browser = factory.CreateClient();
        var id = await SendSurveyAsync(factory, api);
        var link = PathOf(factory.Services.GetRequiredService<LinkSigner>().AnswerUrl(id, "price"));
        var typed = string.Join("\n", Enumerable.Repeat(new string('x', 99), 10)); // 10 lines: 999 characters in the textarea
        Assert.True(typed.Length <= Messages.MessageEntity.MaxCommentLength);

        using var comment = new FormUrlEncodedContent([new("comment", typed.Replace("\n", "\r\n", StringComparison.Ordinal))]);
        var response = await browser.PostAsync(new Uri(link, UriKind.Relative), comment);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var (_, message) = await api.SendAsync(HttpMethod.Get, "/api/messages/" + id);
        Assert.NotNull(message!["comment"]);
    }


    [Fact]
    public async Task Answer_CommentTooLongFromTheBrowsersForm_IsAnHtmlPageNotJson()
    {
        await using var factory = await SelfHostFactory.CreateAsync();
        using var api = factory.CreateApiClient();
        using var browser = factory.CreateClient();
        var id = await SendSurveyAsync(factory, api);
        var link = PathOf(factory.Services.GetRequiredService<LinkSigner>().AnswerUrl(id, "price"));

        using var request = new HttpRequestMessage(HttpMethod.Post, link) { Content = new FormUrlEncodedContent([new("comment", new string('x', 1001))]) };
        request.Headers.Accept.ParseAdd("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8");
        var response = await browser.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
    }


    [Fact]
    public async Task Answer_PostWithAFormCharsetDotNetRefuses_Is400Not500()
    {
        await using var factory = await SelfHostFactory.CreateAsync();
        using var api = factory.CreateApiClient();
        using var browser = factory.CreateClient();
        var id = await SendSurveyAsync(factory, api);
        var link = PathOf(factory.Services.GetRequiredService<LinkSigner>().AnswerUrl(id, "price"));

        using var request = new HttpRequestMessage(HttpMethod.Post, link) { Content = new ByteArrayContent(Encoding.ASCII.GetBytes("comment=hi")) };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", "application/x-www-form-urlencoded; charset=utf-7");
        var response = await browser.SendAsync(request);

        Assert.NotEqual(HttpStatusCode.InternalServerError, response.StatusCode);
    }


    [Fact]
    public async Task Answer_PagesNameTheSenderFromConfiguration()
    {
        // Issue 10, part 2: the pages come "with the sender's name, logo and colours from configuration".
        await using var factory = await SelfHostFactory.CreateAsync();
        using var api = factory.CreateApiClient();
        using var browser = factory.CreateClient();
        var id = await SendSurveyAsync(factory, api);
        var link = PathOf(factory.Services.GetRequiredService<LinkSigner>().AnswerUrl(id, "price"));
        var sender = factory.Settings["FollowUp:SendGrid:FromName"]!;

        var confirm = WebUtility.HtmlDecode(await (await browser.GetAsync(new Uri(link, UriKind.Relative))).Content.ReadAsStringAsync());
        using var empty = new FormUrlEncodedContent([]);
        var thanks = WebUtility.HtmlDecode(await (await browser.PostAsync(new Uri(link, UriKind.Relative), empty)).Content.ReadAsStringAsync());

        Assert.Contains(sender, confirm, StringComparison.Ordinal);
        Assert.Contains(sender, thanks, StringComparison.Ordinal);
    }


}
