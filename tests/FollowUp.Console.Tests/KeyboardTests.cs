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

    [Fact]
    public async Task MovingToAnotherPage_PutsTheFocusOnItAndSaysWhichPageItIs()
    {
        await SignInAsync("");
        var announcer = Page.GetByTestId("page-announcer");
        await Assertions.Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Overview", Exact = true })).ToBeVisibleAsync();
        await Assertions.Expect(announcer).ToHaveTextAsync("");

        await Page.GetByRole(AriaRole.Navigation).GetByRole(AriaRole.Link, new() { Name = "Templates" }).FocusAsync();
        await Page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(Page.Locator("main#main")).ToBeFocusedAsync();
        await Assertions.Expect(announcer).ToHaveTextAsync("Templates");

        // The editor's code comes when first shown, and its title with it: the page is named once it has one.
        await Page.Locator("main").GetByRole(AriaRole.Link, new() { Name = "thank-you" }).First.ClickAsync();
        await Assertions.Expect(announcer).ToHaveTextAsync("Template thank-you");
        await Assertions.Expect(Page.Locator("main#main")).ToBeFocusedAsync();

        // The next Tab goes on from the top of the page, into it, not from where the link was.
        await Assertions.Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "thank-you" })).ToBeVisibleAsync();
        await Page.Keyboard.PressAsync("Tab");
        Assert.True(await Page.EvaluateAsync<bool>("() => document.getElementById('main').contains(document.activeElement)"));

        await Page.GoBackAsync();
        await Assertions.Expect(announcer).ToHaveTextAsync("Templates");
        await Page.GotoAsync(new Uri(Host.Console, "templates").ToString());
        await Assertions.Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Templates", Exact = true })).ToBeVisibleAsync();
        await Page.EvaluateAsync("""
            () => {
              window.said = [];
              new MutationObserver(() => window.said.push(document.querySelector('[data-testid=page-announcer]').textContent))
                .observe(document.querySelector('[data-testid=page-announcer]'), { subtree: true, childList: true, characterData: true });
            }
            """);
        await Page.EvaluateAsync("() => { history.pushState(null, '', '/console/no-such-page'); dispatchEvent(new PopStateEvent('popstate')); }");
        await Assertions.Expect(announcer).ToHaveTextAsync("Not found");

        // A second page of the same name is said again: the same words set twice would be no change to hear.
        await Page.EvaluateAsync("() => { history.pushState(null, '', '/console/no-such-page-either'); dispatchEvent(new PopStateEvent('popstate')); }");
        await Page.WaitForFunctionAsync("() => window.said.filter(text => text === 'Not found').length === 2");
        AssertNoPageErrors();
    }

    [Fact]
    public async Task APageWhoseCodeComesSlowly_IsNamedByItsOwnTitle_NotByThePageBefore()
    {
        // The editor's code comes when first shown, and its title with it; the announcer's fallback says the title a
        // second after the change whatever it is then, and stops waiting: on a slow line it names the page left.
        var release = new TaskCompletionSource();
        await Page.RouteAsync(url => url.Contains("/assets/TemplateEditor-", StringComparison.Ordinal), async route =>
        {
            await release.Task;
            await route.ContinueAsync();
        });
        await SignInAsync("templates");
        var announcer = Page.GetByTestId("page-announcer");
        await Assertions.Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Templates", Exact = true })).ToBeVisibleAsync();

        await Page.Locator("main").GetByRole(AriaRole.Link, new() { Name = "thank-you" }).First.ClickAsync();
        await Assertions.Expect(Page.Locator("main#main")).ToBeFocusedAsync();
        await Page.WaitForTimeoutAsync(2500);
        release.SetResult();

        await Assertions.Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "thank-you" })).ToBeVisibleAsync();
        await Assertions.Expect(Page).ToHaveTitleAsync("Template thank-you · FollowUp");
        await Assertions.Expect(announcer).ToHaveTextAsync("Template thank-you");
        AssertNoPageErrors();
    }
}
