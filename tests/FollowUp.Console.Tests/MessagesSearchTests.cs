using FollowUp.Events;

namespace FollowUp.Console.Tests;

/// <summary>Finding messages again, and finding one thing after another.</summary>
public sealed class MessagesSearchTests(Chromium chromium) : ConsoleTest(chromium)
{
    private ILocator Find => Page.GetByRole(AriaRole.Button, new() { Name = "Find" });

    [Fact]
    public async Task FindingTheSameOrderAgain_ShowsWhatHappenedSince()
    {
        // The search runs when the address changes; the same search again pushes the same address, and nothing runs.
        await PostEventAsync(TestEvents.Order(EventTypes.OrderPlaced, "O-FA-1"));
        await SignInAsync("messages?orderId=O-FA-1");
        await Assertions.Expect(Page.Locator("article.message").Filter(new() { HasText = "thank-you" })).ToBeVisibleAsync();
        await PostEventAsync(TestEvents.Order(EventTypes.OrderDelivered, "O-FA-1"));

        await Find.ClickAsync();

        await Assertions.Expect(Page.Locator("article.message").Filter(new() { HasText = "review-request" })).ToBeVisibleAsync();
        AssertNoPageErrors();
    }
}
