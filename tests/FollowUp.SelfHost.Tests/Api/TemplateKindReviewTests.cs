using System.Net;
using System.Text.Json.Nodes;
using FollowUp.Dispatch;
using FollowUp.Events;
using Microsoft.Extensions.DependencyInjection;

namespace FollowUp.SelfHost.Tests.Api;

public class TemplateKindReviewTests
{
    private static JsonObject Piece(string kind, string html, string text) => new()
    {
        ["kind"] = kind,
        ["locales"] = new JsonObject { ["en"] = new JsonObject { ["html"] = html, ["text"] = text } },
    };

    // "A rule cannot send one" (a layout or partial): yet the message an enabled feedback rule sends can be saved as a
    // partial or a layout, without its unsubscribe link, and the rule goes on sending it.
    [Theory]
    [InlineData("partial", "<em>x</em>", "x")]
    [InlineData("layout", "<em>{{ content }}</em>", "{{ content }}")]
    public async Task Put_AMessageARuleSends_AsAPartialOrLayout_IsRefused(string kind, string html, string text)
    {
        await using var factory = await SelfHostFactory.CreateAsync();
        using var client = factory.CreateApiClient();

        var (response, body) = await client.SendAsync(HttpMethod.Put, "/api/templates/review-request", Piece(kind, html, text).ToJsonString(), configure: r => r.Headers.TryAddWithoutValidation("If-Match", "\"v1\""));

        Assert.True(response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.Conflict, $"{(int)response.StatusCode}: {body?.ToJsonString()}");
    }

    // What follows when it is not refused: the thank-you goes out as the partial, with an empty subject.
    [Fact]
    public async Task Dispatch_OfARuleWhoseTemplateIsNowAPartial_SendsNothing()
    {
        await using var factory = await SelfHostFactory.CreateAsync();
        using var client = factory.CreateApiClient();
        var (changed, _) = await client.SendAsync(HttpMethod.Put, "/api/templates/thank-you", Piece("partial", "<em>x</em>", "x").ToJsonString(), configure: r => r.Headers.TryAddWithoutValidation("If-Match", "\"v1\""));
        if (!changed.IsSuccessStatusCode)
        {
            return;
        }

        var (_, placed) = await client.SendAsync(HttpMethod.Post, "/api/events", TestEvents.Order(EventTypes.OrderPlaced, "O-1", locale: "en").ToJsonString());
        var dispatcher = factory.Services.GetRequiredService<MessageDispatcher>();
        for (var hour = 0; hour < 30; hour++)
        {
            factory.Time.Advance(TimeSpan.FromHours(1));
            await dispatcher.DispatchDueAsync();
        }

        var sent = factory.SendGrid.Accepted.Select(mail => mail.MessageId).ToList();
        var scheduled = placed!["scheduled"]!.AsArray().Select(s => s!["messageId"]!.GetValue<string>()).ToList();
        Assert.True(!scheduled.Intersect(sent).Any(), $"sent: {string.Join(", ", factory.SendGrid.Accepted.Select(m => $"'{m.Subject}'"))}");
    }
}
