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

    /// <summary>An order's thank-you note, sent, then answered as needing a person: its message id.</summary>
    private async Task<string> RaiseAlertAsync(string orderId, string customerId, string email, string answer, string comment)
    {
        var placed = await PostEventAsync(TestEvents.Order(EventTypes.OrderPlaced, orderId, customerId: customerId, email: email));
        var messageId = (string)placed["scheduled"]!.AsArray().Single(s => (string?)s!["ruleId"] == "thank-you")!["messageId"]!;
        Advance(TimeSpan.FromHours(3));
        await DispatchAndCountAsync();
        await Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<FollowUp.Messages.MessageLife>(Host.Services).AnswerAsync(messageId, answer, comment);
        await DispatchAndCountAsync();
        return messageId;
    }

    [Fact]
    public async Task AnAnswerThatNeedsAPerson_IsAnOpenAlert_UntilResolved()
    {
        var messageId = await RaiseAlertAsync("O-AL-1", "c-al-1", "al1@example.com", "csat:1", "The kettle came broken.");

        await SignInAsync();
        var alert = Page.Locator($"li[data-alert='{messageId}']");
        await Assertions.Expect(alert).ToContainTextAsync("The kettle came broken.");
        await Assertions.Expect(alert).ToContainTextAsync("order O-AL-1");
        await ScreenshotAsync("overview-alert");

        await alert.GetByRole(AriaRole.Button, new() { Name = "Resolve…" }).ClickAsync();
        await alert.GetByLabel("What was done (optional)").FillAsync("Sent a new kettle");
        await alert.GetByRole(AriaRole.Button, new() { Name = "Resolve", Exact = true }).ClickAsync();

        await Assertions.Expect(alert).ToHaveCountAsync(0);
        await Assertions.Expect(Page.GetByText("No answer is waiting for a person.")).ToBeVisibleAsync();
        AssertNoPageErrors();
    }

    [Fact]
    public async Task AnAlertLeftOpenForMoreThanAMonth_IsStillShown()
    {
        // The API lists the last 30 days unless asked otherwise; an answer left waiting that long is the one to see.
        var messageId = await RaiseAlertAsync("O-AL-OLD", "c-al-old", "alold@example.com", "csat:2", "Nobody called back.");
        Advance(TimeSpan.FromDays(45));

        await SignInAsync();

        await Assertions.Expect(Page.Locator($"li[data-alert='{messageId}']")).ToContainTextAsync("Nobody called back.");
        await Assertions.Expect(Page.Locator($"li[data-alert='{messageId}']")).ToContainTextAsync("45 days ago");
        AssertNoPageErrors();
    }
}
