using FollowUp.Events;

namespace FollowUp.Console.Tests;

/// <summary>Previewing and trying on one of the latest real events, as the README offers.</summary>
public sealed class RecentEventsTests(Chromium chromium) : ConsoleTest(chromium)
{
    [Fact]
    public async Task ARecentRealEvent_IsNamedAndPreviewsTheTemplate()
    {
        // GET /api/events/recent answers { items: [{ receivedAt, event }] }; the console takes each item for the
        // CloudEvent itself, so the option reads "undefined undefined" and the preview sends { receivedAt, event } (400).
        await PostEventAsync(TestEvents.Order(EventTypes.OrderPlaced, "O-RE-1"));
        await SignInAsync("templates/thank-you");
        await Assertions.Expect(Page.GetByTestId("preview-subject")).ToContainTextAsync("Thank you");
        var data = Page.GetByLabel("Data");
        var recent = data.Locator("optgroup[label='Recent real events'] option").First;
        await Assertions.Expect(recent).ToContainTextAsync("order.placed O-RE-1");

        await data.SelectOptionAsync((await recent.GetAttributeAsync("value"))!);

        await Assertions.Expect(Page.Locator(".status-line")).ToContainTextAsync("Rendered in");
        await Assertions.Expect(Page.FrameLocator("iframe[title^='Preview']").GetByText("O-RE-1").First).ToBeVisibleAsync();
        AssertNoPageErrors();
    }
}
