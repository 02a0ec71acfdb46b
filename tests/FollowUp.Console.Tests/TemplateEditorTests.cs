using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace FollowUp.Console.Tests;

public class TemplateEditorTests(Chromium chromium) : ConsoleTest(chromium)
{
    private ILocator Editor => Page.Locator("#template-text");

    private ILocator PreviewSubject => Page.GetByTestId("preview-subject");

    private async Task OpenThankYouAsync(string part)
    {
        await SignInAsync("templates/thank-you");
        await Assertions.Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "thank-you" })).ToBeVisibleAsync();
        await Page.GetByRole(AriaRole.Tab, new() { Name = part }).ClickAsync();
        await Assertions.Expect(PreviewSubject).ToContainTextAsync("Thank you for your order");
    }

    private async Task ReplaceTextAsync(string text)
    {
        await Editor.ClickAsync();
        await Page.Keyboard.PressAsync("Control+A");
        await Page.Keyboard.InsertTextAsync(text);
    }

    [Fact]
    public async Task Editing_TheSubject_ChangesThePreviewAsYouType()
    {
        await OpenThankYouAsync("Subject");

        await ReplaceTextAsync("Takk, {{ customer.first_name }} – your order {{ order.id }} is in");

        await Assertions.Expect(PreviewSubject).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^Takk, Kari – your order [A-Za-z0-9-]+ is in$"));
        await Assertions.Expect(Page.Locator(".unsaved")).ToHaveTextAsync("· unsaved changes");
        await ScreenshotAsync("template-editor");
        AssertNoPageErrors();
    }

    [Fact]
    public async Task Editing_TheHtml_ShowsItInTheSandboxedPreviewFrame()
    {
        await OpenThankYouAsync("HTML");

        await ReplaceTextAsync("<h1 style=\"color:#c00\">Hello {{ customer.first_name }}</h1><p>{{ unsubscribe_url }}</p>");

        var frame = Page.FrameLocator("iframe[title^='Preview']");
        await Assertions.Expect(frame.GetByRole(AriaRole.Heading, new() { Name = "Hello Kari" })).ToBeVisibleAsync();
        Assert.Equal("allow-scripts", await Page.Locator("iframe[title^='Preview']").GetAttributeAsync("sandbox"));
        // The mail's own inline style applies in the frame (its policy allows it), and the frame cannot read the console's storage.
        Assert.Equal("rgb(204, 0, 0)", await frame.GetByRole(AriaRole.Heading).EvaluateAsync<string>("h => getComputedStyle(h).color"));
        await Page.GetByRole(AriaRole.Button, new() { Name = "Phone" }).ClickAsync();
        await Assertions.Expect(Page.Locator(".preview-frame.phone")).ToBeVisibleAsync();
        await ScreenshotAsync("template-preview-phone");
        AssertNoPageErrors();
    }

    [Fact]
    public async Task Breaking_TheTemplate_ShowsTheLineAndColumn()
    {
        await OpenThankYouAsync("HTML");

        await ReplaceTextAsync("<p>Hi {{ customer.first_name }}</p>\n<p>{{ if }}</p>");

        var marks = Page.Locator("#template-marks");
        await Assertions.Expect(marks).ToContainTextAsync("Line 2, column");
        await Assertions.Expect(Page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Fix the marked line" })).ToBeVisibleAsync();
        await Assertions.Expect(Page.Locator(".cm-lintRange-error")).ToHaveCountAsync(1);
        await ScreenshotAsync("template-error");
        AssertNoPageErrors();
    }

    [Fact]
    public async Task Misspelling_AName_WarnsWithTheNearestName()
    {
        await OpenThankYouAsync("Subject");

        await ReplaceTextAsync("Hi {{ customer.frist_name }}");

        await Assertions.Expect(Page.Locator("#template-marks")).ToContainTextAsync("did you mean `first_name`");
        await Assertions.Expect(Page.Locator(".cm-lintRange-warning")).ToHaveCountAsync(1);
        AssertNoPageErrors();
    }

    [Fact]
    public async Task Saving_MakesANewVersion_AndRestoringTheOldOneBringsItBack()
    {
        await OpenThankYouAsync("Subject");
        var original = await Editor.InnerTextAsync();

        await ReplaceTextAsync("Thanks a lot, {{ customer.first_name }}!");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();

        await Assertions.Expect(Page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Saved as version 2" })).ToBeVisibleAsync();
        var versions = Page.Locator(".version-list li");
        await Assertions.Expect(versions).ToHaveCountAsync(2);
        await Assertions.Expect(versions.First).ToContainTextAsync("v2");
        await Assertions.Expect(versions.First).ToContainTextAsync("current");

        await Page.GetByRole(AriaRole.Button, new() { Name = "Compare version 1 with the editor" }).ClickAsync();
        await Assertions.Expect(Page.Locator(".cm-mergeView")).ToContainTextAsync("Thanks a lot");
        await Assertions.Expect(Page.Locator(".cm-mergeView")).ToContainTextAsync("Thank you for your order");
        await ScreenshotAsync("template-versions");

        await Page.GetByRole(AriaRole.Button, new() { Name = "Restore version 1" }).ClickAsync();

        await Assertions.Expect(Page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Restored version 1 as version 3" })).ToBeVisibleAsync();
        await Assertions.Expect(Editor).ToHaveTextAsync(original);
        using var api = Host.CreateApiClient();
        var saved = await api.GetFromJsonAsync<JsonObject>("/api/templates/thank-you");
        Assert.Equal(3, (int)saved!["version"]!);
        Assert.Equal(1, (int)saved["restoredFrom"]!);
        AssertNoPageErrors();
    }

    [Fact]
    public async Task Creating_ATemplate_SavesItsFirstVersionAndListsIt()
    {
        await SignInAsync("templates");
        await Page.GetByLabel("New template").FillAsync("winter-sale");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Create" }).ClickAsync();
        await Assertions.Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "winter-sale" })).ToBeVisibleAsync();
        await Page.GetByLabel("Layout").SelectOptionAsync("default-layout");

        await Page.GetByRole(AriaRole.Tab, new() { Name = "Subject" }).ClickAsync();
        await ReplaceTextAsync("Winter sale, {{ customer.first_name }}");
        await Page.GetByRole(AriaRole.Tab, new() { Name = "HTML" }).ClickAsync();
        await ReplaceTextAsync("<p>Everything warm is 20 % off this week.</p>");
        await Page.GetByRole(AriaRole.Tab, new() { Name = "Text" }).ClickAsync();
        await ReplaceTextAsync("Everything warm is 20 % off this week.");
        await Assertions.Expect(PreviewSubject).ToHaveTextAsync("Winter sale, Kari");
        await Assertions.Expect(Page.FrameLocator("iframe[title^='Preview']").GetByText("Everything warm")).ToBeVisibleAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();

        await Assertions.Expect(Page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Saved as version 1" })).ToBeVisibleAsync();
        Assert.DoesNotContain("new=1", Page.Url, StringComparison.Ordinal);
        await Page.GetByRole(AriaRole.Link, new() { Name = "Templates", Exact = true }).First.ClickAsync();
        await Assertions.Expect(Page.GetByRole(AriaRole.Link, new() { Name = "winter-sale" })).ToBeVisibleAsync();
        await ScreenshotAsync("templates");
        AssertNoPageErrors();
    }

    [Fact]
    public async Task ATestSend_SendsWhatIsOnScreenToTheAddress()
    {
        await OpenThankYouAsync("Subject");
        await ReplaceTextAsync("A test of {{ customer.first_name }}'s thanks");
        await Assertions.Expect(PreviewSubject).ToHaveTextAsync("A test of Kari's thanks");

        await Page.GetByLabel("Send a test to").FillAsync("marketer@tebutikken.example");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Send test" }).ClickAsync();

        await Assertions.Expect(Page.Locator(".test-send").GetByRole(AriaRole.Status)).ToContainTextAsync("Sent “[Test] A test of Kari's thanks” to marketer@tebutikken.example");
        var sent = Assert.Single(Host.SendGrid.Accepted, mail => mail.To == "marketer@tebutikken.example");
        Assert.Equal("[Test] A test of Kari's thanks", sent.Subject);
        AssertNoPageErrors();
    }
}
