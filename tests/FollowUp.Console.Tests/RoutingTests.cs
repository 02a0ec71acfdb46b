namespace FollowUp.Console.Tests;

/// <summary>Addresses a person pastes, mistypes or makes up.</summary>
public sealed class RoutingTests(Chromium chromium) : ConsoleTest(chromium)
{
    [Fact]
    public async Task AMangledAddress_ShowsNotFound_NotABlankPage()
    {
        // The router decodes each part with decodeURIComponent, which throws on a lone or broken %: the page is left blank.
        await SignInAsync("rules/%E0%A4%A");

        await Assertions.Expect(Page.Locator("body")).ToContainTextAsync(new System.Text.RegularExpressions.Regex("Not found|no rule", System.Text.RegularExpressions.RegexOptions.IgnoreCase));
        AssertNoPageErrors();
    }

    [Fact]
    public async Task ANewTemplateIdTheApiRefuses_IsRefusedBeforeTheEditorOpens()
    {
        // The console allows capitals, dots and underscores; the API takes lower-case letters, digits and '-' only. The
        // editor opens, the work is refused at Save, and (for a dot) reloading its address answers the host's 404.
        await SignInAsync("templates");
        await Page.GetByLabel("New template").FillAsync("Winter.Sale");

        await Page.GetByRole(AriaRole.Button, new() { Name = "Create" }).ClickAsync();

        await Assertions.Expect(Page.Locator("#new-template-error")).ToBeVisibleAsync();
        Assert.DoesNotContain("Winter.Sale", Page.Url, StringComparison.Ordinal);
        AssertNoPageErrors();
    }
}
