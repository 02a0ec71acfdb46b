using FollowUp.Events;

namespace FollowUp.Console.Tests;

public class OverviewTests(Chromium chromium) : ConsoleTest(chromium)
{
    [Fact]
    public async Task PostingEvents_ChangesTheOverviewsCounts()
    {
        await SignInAsync();
        await Assertions.Expect(Page.GetByTestId("total-scheduled")).ToHaveTextAsync("0");

        await PostEventAsync(TestEvents.Order(EventTypes.OrderPlaced, "O-OV-1", customerId: "c-ov-1", email: "ov1@example.com"));
        await PostEventAsync(TestEvents.Order(EventTypes.OrderPlaced, "O-OV-2", customerId: "c-ov-2", email: "ov2@example.com"));
        await DispatchAndCountAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "Refresh" }).ClickAsync();

        await Assertions.Expect(Page.GetByTestId("total-scheduled")).ToHaveTextAsync("2");
        await Assertions.Expect(Page.GetByTestId("thank-you-scheduled")).ToHaveTextAsync("2");
        await Assertions.Expect(Page.GetByTestId("total-sent")).ToHaveTextAsync("0");

        Advance(TimeSpan.FromHours(3));
        await DispatchAndCountAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "Refresh" }).ClickAsync();

        await Assertions.Expect(Page.GetByTestId("total-sent")).ToHaveTextAsync("2");
        await Assertions.Expect(Page.GetByTestId("thank-you-sent")).ToHaveTextAsync("2");
        await Assertions.Expect(Page.Locator(".journey .phase").Filter(new() { HasText = "Purchase" })).ToContainTextAsync("thank-you");
        await Assertions.Expect(Page.GetByRole(AriaRole.Img, new() { Name = "Messages sent" })).ToBeVisibleAsync();
        await ScreenshotAsync("overview");
        AssertNoPageErrors();
    }
}
