namespace FollowUp.Console.Tests;

public sealed class KeyboardTests(Chromium chromium) : ConsoleTest(chromium)
{
    [Fact]
    public async Task TheConsole_IsUsableWithTheKeyboardAlone()
    {
        await Page.GotoAsync(new Uri(Host.Console, "templates/thank-you").ToString());
        // The key field has the focus when the page opens: one can type at once.
        await Assertions.Expect(Page.GetByLabel("API key")).ToBeFocusedAsync();
        await Page.Keyboard.TypeAsync(Host.ApiKey);
        await Page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "thank-you" })).ToBeVisibleAsync();

        // The first Tab offers the skip link, which takes focus past the navigation.
        await Page.Keyboard.PressAsync("Tab");
        await Assertions.Expect(Page.GetByRole(AriaRole.Link, new() { Name = "Skip to content" })).ToBeFocusedAsync();

        // The language tabs move with the arrow keys, as tabs do.
        await Page.GetByRole(AriaRole.Tab, new() { Name = "English" }).FocusAsync();
        await Page.Keyboard.PressAsync("ArrowRight");
        await Assertions.Expect(Page.GetByRole(AriaRole.Tab, new() { Name = "Bokmål" })).ToBeFocusedAsync();
        await Assertions.Expect(Page.GetByRole(AriaRole.Tab, new() { Name = "Bokmål" })).ToHaveAttributeAsync("aria-selected", "true");
        await Assertions.Expect(Page.GetByTestId("preview-subject")).ToContainTextAsync("Takk");

        // Tab leaves the code editor rather than typing a tab into it.
        await Page.Locator("#template-text").FocusAsync();
        await Page.Keyboard.PressAsync("Tab");
        await Assertions.Expect(Page.Locator("#template-text")).Not.ToBeFocusedAsync();
        AssertNoPageErrors();
    }
}
