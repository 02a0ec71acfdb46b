namespace FollowUp.Console.Tests;

/// <summary>The errors marked in the template editor, after they are fixed or another version is restored.</summary>
public sealed class TemplateMarksTests(Chromium chromium) : ConsoleTest(chromium)
{
    private ILocator Editor => Page.Locator("#template-text");

    private async Task ReplaceTextAsync(string text)
    {
        await Editor.ClickAsync();
        await Page.Keyboard.PressAsync("Control+A");
        await Page.Keyboard.InsertTextAsync(text);
    }

    /// <summary>Breaks the English HTML, saves from the Bokmål subject, and answers the list of what to fix.</summary>
    private async Task<ILocator> SaveWithAnErrorInEnglishHtmlFromBokmalSubjectAsync()
    {
        await SignInAsync("templates/thank-you");
        await Assertions.Expect(Page.GetByTestId("preview-subject")).ToContainTextAsync("Thank you");
        await Page.GetByRole(AriaRole.Tab, new() { Name = "HTML" }).ClickAsync();
        await ReplaceTextAsync("<p>Hi {{ customer.first_name }}</p>\n<p>{{ if }}</p>");
        await Page.GetByRole(AriaRole.Tab, new() { Name = "Bokmål" }).ClickAsync();
        await Page.GetByRole(AriaRole.Tab, new() { Name = "Subject" }).ClickAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        return Page.GetByRole(AriaRole.List, new() { Name = "What to fix before saving" });
    }

    [Fact]
    public async Task AnErrorFromARefusedSave_GoesOnceTheTextIsFixed()
    {
        // The marks are the preview's and the last save's: the preview's go as the text is fixed, the save's stay (in the
        // list, the gutter and "What to fix") until the next save, pointing at a line that is fine now.
        await SignInAsync("templates/thank-you");
        await Assertions.Expect(Page.GetByTestId("preview-subject")).ToContainTextAsync("Thank you");
        await Page.GetByRole(AriaRole.Tab, new() { Name = "HTML" }).ClickAsync();
        await ReplaceTextAsync("<p>Hi {{ customer.first_name }}</p>\n<p>{{ if }}</p>");
        await Assertions.Expect(Page.Locator("#template-marks")).ToContainTextAsync("Line 2, column");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Assertions.Expect(Page.GetByRole(AriaRole.Alert).First).ToBeVisibleAsync();

        await ReplaceTextAsync("<p id=\"fixed\">Hi {{ customer.first_name }}</p>");
        await Assertions.Expect(Page.FrameLocator("iframe[title^='Preview']").Locator("#fixed")).ToHaveTextAsync("Hi Kari");

        await Assertions.Expect(Page.Locator("#template-marks li")).ToHaveCountAsync(0);
        await Assertions.Expect(Page.Locator(".cm-lintRange-error")).ToHaveCountAsync(0);
        AssertNoPageErrors();
    }

    [Fact]
    public async Task AnErrorInAnotherLanguage_IsNamedInWords_AndTakesOneThere()
    {
        // A refused save lists the errors of the parts not shown; the API names them "template.locales.en.html".
        var problems = await SaveWithAnErrorInEnglishHtmlFromBokmalSubjectAsync();

        await Assertions.Expect(problems).ToContainTextAsync("English, HTML: line 2, column");
        await Assertions.Expect(problems).Not.ToContainTextAsync("template.locales");
        await Assertions.Expect(Page.GetByRole(AriaRole.Tab, new() { Name = "English (has errors)" })).ToBeVisibleAsync();
        await Assertions.Expect(Page.GetByRole(AriaRole.Tab, new() { Name = "Bokmål (has errors)" })).ToHaveCountAsync(0);
        await ScreenshotAsync("template-error-elsewhere");

        await problems.GetByRole(AriaRole.Button, new() { Name = "English, HTML" }).ClickAsync();

        await Assertions.Expect(Page.GetByRole(AriaRole.Tab, new() { Name = "English" })).ToHaveAttributeAsync("aria-selected", "true");
        await Assertions.Expect(Page.GetByRole(AriaRole.Tab, new() { Name = "HTML" })).ToHaveAttributeAsync("aria-selected", "true");
        await Assertions.Expect(Page.Locator(".cm-lintRange-error")).Not.ToHaveCountAsync(0);
        AssertNoPageErrors();
    }

    [Fact]
    public async Task GoingFromTheListToAnErrorsTab_KeepsTheFocusOnThePage()
    {
        // The button names an error of a part not shown; once that part is shown its error leaves the list, and the
        // button with it: the focus it had falls to the document's body, and the next Tab starts from the top again.
        var problems = await SaveWithAnErrorInEnglishHtmlFromBokmalSubjectAsync();
        var go = problems.GetByRole(AriaRole.Button, new() { Name = "English, HTML" });
        await Assertions.Expect(go).ToBeVisibleAsync();

        await go.FocusAsync();
        await Page.Keyboard.PressAsync("Enter");

        await Assertions.Expect(Page.GetByRole(AriaRole.Tab, new() { Name = "HTML" })).ToHaveAttributeAsync("aria-selected", "true");
        await Assertions.Expect(Page.Locator(".cm-lintRange-error")).Not.ToHaveCountAsync(0);
        var focus = await Page.EvaluateAsync<string>("() => document.activeElement === null || document.activeElement === document.body ? 'body' : document.getElementById('main').contains(document.activeElement) ? 'main' : 'elsewhere'");
        Assert.Equal("main", focus);
        AssertNoPageErrors();
    }
}
