using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace FollowUp.Console.Tests;

public class RuleEditorTests(Chromium chromium) : ConsoleTest(chromium)
{
    [Fact]
    public async Task Creating_ARuleWithASendWindow_DryRunsItAndSavesIt()
    {
        await SignInAsync("rules");
        await Page.GetByLabel("New rule").FillAsync("evening-note");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Create" }).ClickAsync();
        await Assertions.Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "evening-note" })).ToBeVisibleAsync();

        await Page.GetByLabel("Description").FillAsync("A note in the evening after a purchase.");
        await Page.GetByLabel("Template", new() { Exact = true }).SelectOptionAsync("thank-you");
        await Page.GetByLabel("Delay").FillAsync("2 hours 30 minutes");
        await Assertions.Expect(Page.Locator("#rule-delay-hint")).ToContainTextAsync("PT2H30M");
        await Page.GetByLabel("Send window from").FillAsync("18:00");
        await Page.GetByLabel("Send window to").FillAsync("21:00");
        foreach (var day in new[] { "Mon", "Tue", "Wed", "Thu", "Fri" })
        {
            await Page.GetByRole(AriaRole.Group, new() { Name = "Send window days" }).GetByLabel(day, new() { Exact = true }).CheckAsync();
        }

        var verdict = Page.Locator(".verdict.yes");
        await Assertions.Expect(verdict).ToContainTextAsync("Would schedule");
        await Assertions.Expect(verdict).ToContainTextAsync("18:");
        await ScreenshotAsync("rule-editor");

        await Page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Assertions.Expect(Page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Saved as version 1" })).ToBeVisibleAsync();

        using var api = Host.CreateApiClient();
        var saved = await api.GetFromJsonAsync<JsonObject>("/api/rules/evening-note");
        Assert.Equal("PT2H30M", (string?)saved!["delay"]);
        Assert.Equal("thank-you", (string?)saved["templateId"]);
        Assert.Equal("18:00", (string?)saved["sendWindow"]!["from"]);
        Assert.Equal("21:00", (string?)saved["sendWindow"]!["to"]);
        Assert.Equal(["mon", "tue", "wed", "thu", "fri"], saved["sendWindow"]!["days"]!.AsArray().Select(d => (string?)d));
        AssertNoPageErrors();
    }

    [Fact]
    public async Task ABrokenCondition_IsShownAtItsColumn_AndTheSaveIsRefusedNextToTheField()
    {
        await SignInAsync("rules/thank-you");
        await Assertions.Expect(Page.Locator(".verdict")).ToBeVisibleAsync();

        await Page.Locator("#rule-condition").ClickAsync();
        await Page.Keyboard.InsertTextAsync("customer.order_count == ");

        var conditionError = Page.Locator(".field").Filter(new() { Has = Page.Locator("#rule-condition") }).Locator(".field-error");
        await Assertions.Expect(conditionError).ToContainTextAsync("Column");
        await Assertions.Expect(Page.Locator(".cm-lintRange-error")).ToHaveCountAsync(1);

        await Page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Assertions.Expect(Page.GetByRole(AriaRole.Alert).Filter(new() { HasText = "fix the fields marked below" })).ToBeVisibleAsync();
        await ScreenshotAsync("rule-error");

        using var api = Host.CreateApiClient();
        var saved = await api.GetFromJsonAsync<JsonObject>("/api/rules/thank-you");
        Assert.Equal(1, (int)saved!["version"]!);
        AssertNoPageErrors();
    }

    [Fact]
    public async Task TheCondition_CompletesNamesFromTheTemplateModel()
    {
        await SignInAsync("rules/loyalty-reward");
        await Page.Locator("#rule-condition").ClickAsync();
        await Page.Keyboard.PressAsync("Control+A");
        // As a person types: CodeMirror starts completing after a pause in typing, which a burst without one never has.
        await Page.Keyboard.TypeAsync("customer.ord", new() { Delay = 40 });

        var completion = Page.Locator(".cm-tooltip-autocomplete");
        await Assertions.Expect(completion).ToContainTextAsync("order_count");
        // CodeMirror ignores Enter within 75 ms of the list appearing, so that a key already on its way is not taken as a choice.
        await Page.WaitForTimeoutAsync(150);
        await Page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(Page.Locator("#rule-condition")).ToHaveTextAsync("customer.order_count");
        AssertNoPageErrors();
    }

    [Fact]
    public async Task ChangingTheTrigger_TriesTheRuleOnASampleOfTheNewTrigger()
    {
        await SignInAsync("rules/thank-you");
        await Assertions.Expect(Page.Locator(".verdict.yes")).ToBeVisibleAsync();

        await Page.GetByLabel("Trigger").SelectOptionAsync("order.delivered");

        await Assertions.Expect(Page.GetByLabel("Event", new() { Exact = true })).ToHaveValueAsync("sample:order.delivered");
        await Assertions.Expect(Page.Locator(".verdict.yes")).ToContainTextAsync("Would schedule");
        AssertNoPageErrors();
    }

    [Fact]
    public async Task TryIt_TakesARecentRealEvent()
    {
        await PostEventAsync(TestEvents.Order(Events.EventTypes.OrderDelivered, "O-RE-1", customerId: "c-re-1", email: "re1@example.com"));

        await SignInAsync("rules/review-request");
        var picker = Page.GetByLabel("Event", new() { Exact = true });
        await Assertions.Expect(picker.Locator("optgroup[label='Recent real events'] option")).ToHaveCountAsync(1);
        await picker.SelectOptionAsync(new SelectOptionValue { Label = await picker.Locator("optgroup[label='Recent real events'] option").First.InnerTextAsync() });

        // The real customer has a review request on its way for this delivery already: a second would wait for the
        // feedback cap, which a sample's customer, unknown to FollowUp, never meets.
        await Assertions.Expect(Page.Locator(".verdict")).ToContainTextAsync("at most 1 feedback message in 7 days");
        AssertNoPageErrors();
    }

    [Fact]
    public async Task TheRulesList_ShowsEachRuleWithItsState()
    {
        await SignInAsync("rules");

        var row = Page.GetByRole(AriaRole.Row).Filter(new() { Has = Page.GetByRole(AriaRole.Link, new() { Name = "nps-question", Exact = true }) });
        await Assertions.Expect(row).ToContainTextAsync("disabled");
        var thankYou = Page.GetByRole(AriaRole.Row).Filter(new() { Has = Page.GetByRole(AriaRole.Link, new() { Name = "thank-you", Exact = true }) }).First;
        await Assertions.Expect(thankYou).ToContainTextAsync("enabled");
        await Assertions.Expect(thankYou).ToContainTextAsync("order.placed");
        await ScreenshotAsync("rules");
        AssertNoPageErrors();
    }
}
