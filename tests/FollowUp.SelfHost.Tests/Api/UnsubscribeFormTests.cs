using System.Net;
using System.Net.Http.Headers;
using FollowUp.Events;
using FollowUp.Links;
using FollowUp.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace FollowUp.SelfHost.Tests.Api;

/// <summary>The unsubscribe POST with what a browser, a mail client or an attacker may send it.</summary>
public class UnsubscribeFormTests
{
    private static string PathOf(string url) => new Uri(url).PathAndQuery;

    private static async Task<(string ThankYou, string Review)> OrderAsync(HttpClient api)
    {
        var (_, placed) = await api.SendAsync(HttpMethod.Post, "/api/events", TestEvents.Order(EventTypes.OrderPlaced, "A-1").ToJsonString(), "application/cloudevents+json");
        var (_, delivered) = await api.SendAsync(HttpMethod.Post, "/api/events", TestEvents.Order(EventTypes.OrderDelivered, "A-1").ToJsonString(), "application/cloudevents+json");
        return (placed!["scheduled"]![0]!["messageId"]!.GetValue<string>(), delivered!["scheduled"]![0]!["messageId"]!.GetValue<string>());
    }

    [Fact]
    public async Task MultipartWithoutABoundary_Is400Not500()
    {
        await using var factory = await SelfHostFactory.CreateAsync();
        using var api = factory.CreateApiClient();
        using var browser = factory.CreateClient();
        var (_, review) = await OrderAsync(api);
        var link = PathOf(factory.Services.GetRequiredService<LinkSigner>().UnsubscribeUrl(review));

        using var content = new ByteArrayContent("scope=marketing"u8.ToArray());
        content.Headers.ContentType = MediaTypeHeaderValue.Parse("multipart/form-data");
        var response = await browser.PostAsync(new Uri(link, UriKind.Relative), content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task NarrowerChoiceAfterEverything_PageSaysEverythingIsStillStopped()
    {
        await using var factory = await SelfHostFactory.CreateAsync();
        using var api = factory.CreateApiClient();
        using var browser = factory.CreateClient();
        var (thankYou, review) = await OrderAsync(api);
        var signer = factory.Services.GetRequiredService<LinkSigner>();
        using var everything = new FormUrlEncodedContent([new("scope", "everything")]);
        await browser.PostAsync(new Uri(PathOf(signer.UnsubscribeUrl(thankYou)), UriKind.Relative), everything);

        // Later, from the review request, the customer picks "offers only". Nothing narrows (rightly), but the page
        // tells them they will still hear about their orders and be asked what they think: they will not.
        using var marketing = new FormUrlEncodedContent([new("scope", "marketing")]);
        var page = WebUtility.HtmlDecode(await (await browser.PostAsync(new Uri(PathOf(signer.UnsubscribeUrl(review)), UriKind.Relative), marketing)).Content.ReadAsStringAsync());

        Assert.DoesNotContain("Vi skriver fortsatt om bestillingene dine", page, StringComparison.Ordinal);
    }
}
