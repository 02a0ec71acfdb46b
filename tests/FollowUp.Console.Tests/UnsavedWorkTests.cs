namespace FollowUp.Console.Tests;

/// <summary>What happens to what a person typed and has not saved: while saving, when the key stops working, when leaving.</summary>
public sealed class UnsavedWorkTests(Chromium chromium) : ConsoleTest(chromium)
{
    private ILocator Editor => Page.Locator("#template-text");

    private ILocator Save => Page.GetByRole(AriaRole.Button, new() { Name = "Save" });

    private async Task OpenThankYouSubjectAsync()
    {
        await SignInAsync("templates/thank-you");
        await Assertions.Expect(Page.GetByTestId("preview-subject")).ToContainTextAsync("Thank you");
        await Page.GetByRole(AriaRole.Tab, new() { Name = "Subject" }).ClickAsync();
    }

    private async Task TypeAtTheEndAsync(string text)
    {
        await Editor.ClickAsync();
        await Page.Keyboard.PressAsync("End");
        await Page.Keyboard.TypeAsync(text);
    }

    [Fact]
    public async Task WhatIsTypedWhileASaveIsUnderWay_IsKept()
    {
        // The answer to the PUT replaces the draft with what was saved: keystrokes made meanwhile vanish, and the page
        // says there is nothing unsaved.
        await OpenThankYouSubjectAsync();
        var release = new TaskCompletionSource();
        await Page.RouteAsync("**/api/templates/thank-you", async route =>
        {
            if (route.Request.Method == "PUT")
            {
                await release.Task;
            }

            await route.ContinueAsync();
        });
        await TypeAtTheEndAsync(" (first)");

        await Save.ClickAsync();
        await Assertions.Expect(Page.GetByRole(AriaRole.Button, new() { Name = "Saving…" })).ToBeVisibleAsync();
        await TypeAtTheEndAsync(" (second)");
        release.SetResult();

        await Assertions.Expect(Page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Saved as version 2" })).ToBeVisibleAsync();
        await Assertions.Expect(Editor).ToContainTextAsync("(first) (second)");
        await Assertions.Expect(Page.Locator(".unsaved")).ToBeVisibleAsync();
        AssertNoPageErrors();
    }

    [Fact]
    public async Task AKeyThatStopsWorkingAtSave_DoesNotCostTheEdits()
    {
        // A 401 (a rotated key; on Azure, an Entra session that ended) swaps the whole console for the sign-in, and
        // signing in again opens the template as saved: the edit is gone.
        await OpenThankYouSubjectAsync();
        await TypeAtTheEndAsync(" – edited before the key was rotated");
        await Assertions.Expect(Page.GetByTestId("preview-subject")).ToContainTextAsync("edited before the key was rotated");
        await Page.EvaluateAsync("() => sessionStorage.setItem('followup.apiKey', 'a-key-no-longer-accepted')");

        await Save.ClickAsync();
        await Page.GetByLabel("API key").FillAsync(Host.ApiKey);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "thank-you" })).ToBeVisibleAsync();
        await Page.GetByRole(AriaRole.Tab, new() { Name = "Subject" }).ClickAsync();

        await Assertions.Expect(Editor).ToContainTextAsync("edited before the key was rotated");
        AssertNoPageErrors();
    }

    [Fact]
    public async Task LeavingTheTemplateEditorByTheNavigation_AsksBeforeDroppingUnsavedChanges()
    {
        // The editor warns on closing the tab (beforeunload), but a click on the console's own navigation moves on
        // without a word and the changes are gone.
        await OpenThankYouSubjectAsync();
        await TypeAtTheEndAsync(" – not saved yet");
        await Assertions.Expect(Page.Locator(".unsaved")).ToBeVisibleAsync();

        // A confirm() would be dismissed (Playwright's default): staying is the answer either way.
        await Page.GetByRole(AriaRole.Navigation, new() { Name = "Console" }).GetByRole(AriaRole.Link, new() { Name = "Rules" }).ClickAsync();

        await Assertions.Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "thank-you" })).ToBeVisibleAsync();
        await Assertions.Expect(Editor).ToContainTextAsync("not saved yet");
        AssertNoPageErrors();
    }

    [Fact]
    public async Task ClosingTheRuleEditorWithUnsavedChanges_Warns()
    {
        // The template editor adds a beforeunload warning while it has unsaved changes; the rule editor has none.
        await SignInAsync("rules/thank-you");
        await Assertions.Expect(Page.Locator(".verdict")).ToBeVisibleAsync();
        await Page.GetByLabel("Description").ClickAsync();
        await Page.Keyboard.TypeAsync(" – not saved yet");
        await Assertions.Expect(Page.Locator(".unsaved")).ToBeVisibleAsync();
        // Asked as the browser asks before closing the tab: is there a listener that wants to stay? (Closing the page
        // itself with its beforeunload run brought Debian's headless Chromium down in CI, with every test after it.)
        var wantsToStay = await Page.EvaluateAsync<bool>("() => { const e = new Event('beforeunload', { cancelable: true }); window.dispatchEvent(e); return e.defaultPrevented; }");

        Assert.True(wantsToStay, "Closing the tab with an unsaved rule would not warn.");
    }
}
