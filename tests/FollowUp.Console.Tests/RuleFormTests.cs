using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace FollowUp.Console.Tests;

/// <summary>The rule editor's fields as a person types into them, a key at a time.</summary>
public sealed class RuleFormTests(Chromium chromium) : ConsoleTest(chromium)
{
    private async Task OpenThankYouAsync()
    {
        await SignInAsync("rules/thank-you");
        await Assertions.Expect(Page.Locator(".verdict")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task TheAlertAnswers_TakeACommaTypedBetweenThem()
    {
        // The field shows answers.join(", ") of what was typed, split and emptied: the comma typed is gone at once.
        await OpenThankYouAsync();
        var answers = Page.GetByLabel("Also alert on the answers");

        await answers.PressSequentiallyAsync("service, product-fit");

        await Assertions.Expect(answers).ToHaveValueAsync("service, product-fit");
        AssertNoPageErrors();
    }

    [Fact]
    public async Task ThePriority_TakesANegativeNumberTypedKeyByKey()
    {
        // Priorities go from -100 to 100; "-" alone reads as NaN, becomes 0, and the field shows "0" in its place.
        await OpenThankYouAsync();
        var priority = Page.GetByLabel("Priority");
        await priority.ClickAsync();
        await Page.Keyboard.PressAsync("Control+A");
        await Page.Keyboard.PressAsync("Backspace");

        await priority.PressSequentiallyAsync("-5");

        await Assertions.Expect(priority).ToHaveValueAsync("-5");
        AssertNoPageErrors();
    }

    [Fact]
    public async Task ADelayThatCannotBeRead_IsNotSavedAsTheOldDelay()
    {
        // The field says it cannot read "soon", but the form keeps the last delay it could read, and Save (enabled by
        // any other change) saves that one and says "Saved".
        await OpenThankYouAsync();
        await Page.GetByLabel("Delay").FillAsync("soon");
        await Assertions.Expect(Page.Locator("#rule-delay-error")).ToContainTextAsync("not a number");
        await Page.GetByLabel("Description").FillAsync("Sent soon after the order");

        await Page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Page.WaitForTimeoutAsync(2000);

        using var api = Host.CreateApiClient();
        var saved = await api.GetFromJsonAsync<JsonObject>("/api/rules/thank-you");
        Assert.Equal(1, (int)saved!["version"]!);
        AssertNoPageErrors();
    }
}
