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
}
