using FollowUp.Events;

namespace FollowUp.Console.Tests;

/// <summary>What a message's card says once the message has changed.</summary>
public sealed class MessageCardTests(Chromium chromium) : ConsoleTest(chromium)
{
    [Fact]
    public async Task ACancelledMessage_IsNotShownAsDue()
    {
        // The card shows "Due <time> (in 59 minutes)" for any message not sent, a cancelled one too.
        var placed = await PostEventAsync(TestEvents.Order(EventTypes.OrderPlaced, "O-CD-1"));
        var messageId = (string)placed["scheduled"]!.AsArray().Single(s => (string?)s!["ruleId"] == "thank-you")!["messageId"]!;
        await SignInAsync($"messages?messageId={messageId}");
        var message = Page.Locator($"article[data-message='{messageId}']");
        await message.GetByRole(AriaRole.Button, new() { Name = "Cancel…" }).ClickAsync();
        await message.GetByRole(AriaRole.Button, new() { Name = "Cancel the message" }).ClickAsync();
        await Assertions.Expect(message.GetByTestId("status")).ToHaveTextAsync("cancelled");

        await Assertions.Expect(message).Not.ToContainTextAsync("Due ");
        AssertNoPageErrors();
    }
}
