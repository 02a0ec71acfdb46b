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
}
