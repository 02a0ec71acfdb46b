namespace FollowUp.Console.Tests;

/// <summary>What a mail in the sandboxed preview frame can and cannot do.</summary>
public sealed class PreviewFrameTests(Chromium chromium) : ConsoleTest(chromium)
{
    private ILocator Editor => Page.Locator("#template-text");

    private async Task ReplaceHtmlAsync(string html)
    {
        await Editor.ClickAsync();
        await Page.Keyboard.PressAsync("Control+A");
        await Page.Keyboard.InsertTextAsync(html);
    }

    [Fact]
    public async Task AnImageMapLinkInTheMail_DoesNotTakeThePreviewFrameAway()
    {
        // The frame stops <a> clicks only (closest("a")): an <area> of an image map is a link too, and navigates the
        // frame to any page, which then stands in the preview's place and never receives another render.
        await SignInAsync("templates/thank-you");
        await Assertions.Expect(Page.GetByTestId("preview-subject")).ToContainTextAsync("Thank you");
        await Page.GetByRole(AriaRole.Tab, new() { Name = "HTML" }).ClickAsync();
        await ReplaceHtmlAsync(
            "<p>Hi {{ customer.first_name }}</p><img usemap=\"#m\" width=\"300\" height=\"100\" alt=\"Our shop\" src=\"data:image/gif;base64,R0lGODlhAQABAAAAACw=\">" +
            "<map name=\"m\"><area shape=\"rect\" coords=\"0,0,300,100\" href=\"/health\" alt=\"Visit\"></map>");
        var frame = Page.FrameLocator("iframe[title^='Preview']");
        var image = frame.Locator("img[usemap]");
        await Assertions.Expect(image).ToBeVisibleAsync();

        await image.ScrollIntoViewIfNeededAsync();
        var box = (await image.BoundingBoxAsync())!;
        await Page.Mouse.ClickAsync(box.X + (box.Width / 2), box.Y + (box.Height / 2));
        await ReplaceHtmlAsync("<p id=\"after\">Still the preview, {{ customer.first_name }}</p>");

        await Assertions.Expect(frame.Locator("#after")).ToHaveTextAsync("Still the preview, Kari");
        AssertNoPageErrors();
    }

    [Fact]
    public async Task AMiddleClickOnALinkInTheMail_OpensNothing()
    {
        // The frame keeps each link's href and cancels only "click": a middle click (auxclick) opens the link in a new
        // tab, sandbox or not. In "See it as sent" those are the customer's real links (GET /r/{token} records a click).
        await SignInAsync("templates/thank-you");
        await Assertions.Expect(Page.GetByTestId("preview-subject")).ToContainTextAsync("Thank you");
        await Page.GetByRole(AriaRole.Tab, new() { Name = "HTML" }).ClickAsync();
        await ReplaceHtmlAsync("<p><a id=\"review\" href=\"/health\">Tell us how it went, {{ customer.first_name }}</a></p>");
        var link = Page.FrameLocator("iframe[title^='Preview']").Locator("#review");
        await Assertions.Expect(link).ToHaveTextAsync("Tell us how it went, Kari");

        await link.ClickAsync(new() { Button = MouseButton.Middle });
        await Page.WaitForTimeoutAsync(1500);

        Assert.Single(Context.Pages);
        AssertNoPageErrors();
    }
}
