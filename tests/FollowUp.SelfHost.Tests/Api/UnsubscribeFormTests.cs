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
}
