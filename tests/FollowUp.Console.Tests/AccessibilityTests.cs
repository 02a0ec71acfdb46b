using Deque.AxeCore.Playwright;
using FollowUp.Events;

namespace FollowUp.Console.Tests;

/// <summary>
/// axe-core's rules (WCAG 2.1 A and AA) on every page of the console, as a screen reader's user or a keyboard user
/// meets it: a serious or critical violation fails the test, named with the element it is on.
/// </summary>
public sealed class AccessibilityTests(Chromium chromium) : ConsoleTest(chromium)
{
    private async Task AssertAccessibleAsync(string page)
    {
        var results = await Page.RunAxe(new Deque.AxeCore.Commons.AxeRunOptions
        {
            RunOnly = new Deque.AxeCore.Commons.RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
        });
        var serious = results.Violations
            .Where(violation => violation.Impact is "serious" or "critical")
            .Select(violation => $"{page}: {violation.Id} ({violation.Impact}) {violation.Help} at {string.Join(", ", violation.Nodes.Take(3).Select(node => node.Target?.ToString()))}")
            .ToList();
        Assert.True(serious.Count == 0, string.Join('\n', serious));
    }

    [Fact]
    public async Task EveryPage_HasNoSeriousAccessibilityViolation()
    {
        await Page.GotoAsync(Host.Console.ToString());
        await Assertions.Expect(Page.GetByLabel("API key")).ToBeVisibleAsync();
        await AssertAccessibleAsync("sign-in");

        await PostEventAsync(TestEvents.Order(EventTypes.OrderPlaced, "O-AX-1"));
        await SignInAsync();
        await Assertions.Expect(Page.GetByTestId("total-scheduled")).ToBeVisibleAsync();
        await AssertAccessibleAsync("overview");

        foreach (var (path, ready) in new[]
        {
            ("rules", "table.list"),
            ("rules/review-request", ".verdict"),
            ("templates", "table.list"),
            ("templates/thank-you", "[data-testid=preview-subject]"),
            ("messages?orderId=O-AX-1", ".timeline li"),
            ("suppressions", "form[aria-labelledby=add-suppression-title]"),
        })
        {
            await Page.GotoAsync(new Uri(Host.Console, path).ToString());
            await Assertions.Expect(Page.Locator(ready).First).ToBeVisibleAsync();
            await AssertAccessibleAsync(path);
        }

        AssertNoPageErrors();
    }

    [Fact]
    public async Task ThePages_WorkOnAPhone()
    {
        await Page.SetViewportSizeAsync(390, 844);
        await SignInAsync("templates/thank-you");
        await Assertions.Expect(Page.GetByTestId("preview-subject")).ToBeVisibleAsync();

        // Nothing wider than the screen: no sideways scrolling on a phone.
        Assert.True(await Page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth + 1"), "The template editor scrolls sideways on a phone.");
        await ScreenshotAsync("phone-template-editor");
        await Page.GotoAsync(new Uri(Host.Console, "rules").ToString());
        await Assertions.Expect(Page.Locator("table.list")).ToBeVisibleAsync();
        Assert.True(await Page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth + 1"), "The rules list scrolls sideways on a phone.");
        await ScreenshotAsync("phone-rules");
        AssertNoPageErrors();
    }

    [Fact]
    public async Task TheTemplateEditor_WhileTheTextDoesNotRender_HasNoSeriousAccessibilityViolation()
    {
        // The last good preview is dimmed with aria-hidden="true", yet its frame and "Text part" can still take the
        // focus: a keyboard user lands on what a screen reader is told is not there (axe: aria-hidden-focus).
        await SignInAsync("templates/thank-you");
        await Assertions.Expect(Page.GetByTestId("preview-subject")).ToContainTextAsync("Thank you");
        await Page.GetByRole(AriaRole.Tab, new() { Name = "HTML" }).ClickAsync();
        await Page.Locator("#template-text").ClickAsync();
        await Page.Keyboard.PressAsync("Control+A");
        await Page.Keyboard.InsertTextAsync("<p>{{ if }}</p>");
        await Assertions.Expect(Page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Fix the marked line" })).ToBeVisibleAsync();

        await AssertAccessibleAsync("templates/thank-you, not rendering");
        AssertNoPageErrors();
    }
}
