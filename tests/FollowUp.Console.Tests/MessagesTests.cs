using System.Net.Http.Json;
using System.Text.Json.Nodes;
using FollowUp.Events;

namespace FollowUp.Console.Tests;

public class MessagesTests(Chromium chromium) : ConsoleTest(chromium)
{
    private async Task FindAsync(string by, string value)
    {
        await Page.GetByLabel("Find by").SelectOptionAsync(new SelectOptionValue { Label = by });
        await Page.Locator("#find-value").FillAsync(value);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Find" }).ClickAsync();
    }

    [Fact]
    public async Task AnOrder_ShowsItsFollowUpsOnOneTimeline_AndASentOneAsItWasSent()
    {
        await PostEventAsync(TestEvents.Order(EventTypes.OrderPlaced, "O-TL-1"));
        Advance(TimeSpan.FromHours(3));
        await DispatchAndCountAsync();
        await PostEventAsync(TestEvents.Order(EventTypes.OrderDelivered, "O-TL-1"));

        await SignInAsync("messages");
        await FindAsync("Order id", "O-TL-1");

        await Assertions.Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Order O-TL-1" })).ToBeVisibleAsync();
        var timeline = Page.GetByRole(AriaRole.List, new() { Name = "Everything that happened to the follow-ups of order O-TL-1" });
        await Assertions.Expect(timeline.Locator("li.kind-scheduled").First).ToContainTextAsync("thank-you");
        await Assertions.Expect(timeline.Locator("li.kind-sent")).ToContainTextAsync("thank-you");
        await Assertions.Expect(timeline.Locator("li.kind-scheduled").Filter(new() { HasText = "review-request" })).ToBeVisibleAsync();
        Assert.Contains("orderId=O-TL-1", Page.Url, StringComparison.Ordinal);

        var thankYou = Page.Locator("article.message").Filter(new() { HasText = "thank-you" });
        await thankYou.GetByRole(AriaRole.Button, new() { Name = "See it as sent" }).ClickAsync();
        await Assertions.Expect(thankYou).ToContainTextAsync("template thank-you v1");
        await Assertions.Expect(Page.FrameLocator("iframe[title$='as sent']").GetByText("O-TL-1").First).ToBeVisibleAsync();
        await ScreenshotAsync("messages");
        AssertNoPageErrors();
    }

    [Fact]
    public async Task CancellingAPendingMessage_RecordsTheReason()
    {
        var placed = await PostEventAsync(TestEvents.Order(EventTypes.OrderPlaced, "O-CX-1"));
        var messageId = (string)placed["scheduled"]!.AsArray().Single(s => (string?)s!["ruleId"] == "thank-you")!["messageId"]!;

        await SignInAsync($"messages?messageId={messageId}");
        var message = Page.Locator($"article[data-message='{messageId}']");
        await Assertions.Expect(message.GetByTestId("status")).ToHaveTextAsync("scheduled");
        await message.GetByRole(AriaRole.Button, new() { Name = "Cancel…" }).ClickAsync();
        await message.GetByLabel("Why (kept in the ledger)").FillAsync("The customer phoned to say thanks already");
        await message.GetByRole(AriaRole.Button, new() { Name = "Cancel the message" }).ClickAsync();

        await Assertions.Expect(message.GetByTestId("status")).ToHaveTextAsync("cancelled");
        await ScreenshotAsync("message-cancelled");
        using var api = Host.CreateApiClient();
        var saved = await api.GetFromJsonAsync<JsonObject>($"/api/messages/{messageId}");
        Assert.Equal("cancelled", (string?)saved!["status"]);
        Assert.Contains(saved["history"]!.AsArray(), entry => ((string?)entry!["detail"] ?? string.Empty).Contains("phoned to say thanks", StringComparison.Ordinal));
        AssertNoPageErrors();
    }

    [Fact]
    public async Task AnUnknownMessageId_SaysSoInWords()
    {
        await SignInAsync("messages");
        await FindAsync("Message id", "no-such-message");

        await Assertions.Expect(Page.GetByRole(AriaRole.Alert)).ToContainTextAsync("No message has the id no-such-message");
        AssertNoPageErrors();
    }
}
