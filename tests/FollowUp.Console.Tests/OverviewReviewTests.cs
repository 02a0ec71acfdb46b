using System.Net.Http.Json;
using System.Text.Json.Nodes;
using FollowUp.Events;

namespace FollowUp.Console.Tests;

/// <summary>The overview left open on a wall, and its open alerts as the API writes them.</summary>
public sealed class OverviewReviewTests(Chromium chromium) : ConsoleTest(chromium)
{
    [Fact]
    public async Task TheOverviewLeftOpenPastMidnight_CountsTheNewDay()
    {
        // The period is anchored on the host's today as its first answer gave it, and never moves: after midnight the
        // refresh (every minute, or the button) keeps asking for the days up to yesterday.
        await SignInAsync();
        await Assertions.Expect(Page.GetByTestId("total-scheduled")).ToHaveTextAsync("0");

        Advance(TimeSpan.FromDays(1));
        await PostEventAsync(TestEvents.Order(EventTypes.OrderPlaced, "O-ND-1"));
        await DispatchAndCountAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "Refresh" }).ClickAsync();

        await Assertions.Expect(Page.GetByTestId("total-scheduled")).ToHaveTextAsync("1");
        AssertNoPageErrors();
    }

    [Fact]
    public async Task AnOpenAlert_ShowsItsDealAndWhenItCame()
    {
        // The console reads alert.subjectId and alert.at, which the API does not have: it writes dealId/orderId and
        // answeredAt. The line shows the customer's id and no time. The alerts are the API's own example of the list.
        using var api = Host.CreateApiClient();
        var description = await api.GetFromJsonAsync<JsonObject>("/openapi/v1.json");
        var open = description!["paths"]!["/api/alerts"]!["get"]!["responses"]!["200"]!["content"]!["application/json"]!["examples"]!["open"]!["value"]!.ToJsonString();
        await Page.RouteAsync(url => url.Contains("/api/alerts", StringComparison.Ordinal), route => route.FulfillAsync(new() { Status = 200, ContentType = "application/json", Body = open }));

        await SignInAsync();

        var alert = Page.Locator(".alert-list li").Filter(new() { HasText = "lost-sale-survey" });
        await Assertions.Expect(alert).ToContainTextAsync("D-7781");
        await Assertions.Expect(alert).ToContainTextAsync(new System.Text.RegularExpressions.Regex(@"ago|in \d"));
        AssertNoPageErrors();
    }
}
