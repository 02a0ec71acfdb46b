namespace FollowUp.Console.Tests;

/// <summary>The one-line editors (a template's subject, a rule's condition) given text with a line break in it.</summary>
public sealed class SingleLineEditorTests(Chromium chromium) : ConsoleTest(chromium)
{
    [Fact]
    public async Task PastingASubjectThatEndsInALineBreak_PastesTheText()
    {
        // A subject copied from a document or a mail often carries its line break. The one-line filter refuses any
        // change that would make two lines, so the whole paste is silently dropped.
        await SignInAsync("templates/thank-you");
        await Assertions.Expect(Page.GetByTestId("preview-subject")).ToContainTextAsync("Thank you");
        await Page.GetByRole(AriaRole.Tab, new() { Name = "Subject" }).ClickAsync();
        var editor = Page.Locator("#template-text");
        await editor.ClickAsync();
        await Page.Keyboard.PressAsync("Control+A");

        await editor.EvaluateAsync("""
            (content, text) => {
              const data = new DataTransfer();
              data.setData("text/plain", text);
              content.dispatchEvent(new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }));
            }
            """, "Your order is on its way, {{ customer.first_name }}\n");

        await Assertions.Expect(editor).ToContainTextAsync("Your order is on its way");
        await Assertions.Expect(Page.GetByTestId("preview-subject")).ToContainTextAsync("Your order is on its way, Kari");
        AssertNoPageErrors();
    }
}
