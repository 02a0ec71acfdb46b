namespace FollowUp.Console.Tests;

public class SignInTests(Chromium chromium) : ConsoleTest(chromium)
{
    [Fact]
    public async Task SignIn_WithTheKey_ShowsTheConsoleAndKeepsTheKeyOutOfTheUrlAndLocalStorage()
    {
        await SignInAsync();

        await Assertions.Expect(Page.GetByRole(AriaRole.Link, new() { Name = "Overview" })).ToHaveAttributeAsync("aria-current", "page");
        Assert.DoesNotContain(Host.ApiKey, Page.Url, StringComparison.Ordinal);
        Assert.Equal(Host.ApiKey, await Page.EvaluateAsync<string>("() => sessionStorage.getItem('followup.apiKey')"));
        Assert.Equal(0, await Page.EvaluateAsync<int>("() => localStorage.length"));
        await ScreenshotAsync("overview");
        AssertNoPageErrors();
    }

    [Fact]
    public async Task SignIn_WithAWrongKey_SaysSoAndStaysOnTheSignIn()
    {
        await Page.GotoAsync(Host.Console.ToString());
        await Page.GetByLabel("API key").FillAsync("not-the-key");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        await Assertions.Expect(Page.GetByRole(AriaRole.Alert)).ToContainTextAsync("That key was not accepted");
        await Assertions.Expect(Page.GetByLabel("API key")).ToHaveAttributeAsync("aria-invalid", "true");
        Assert.Null(await Page.EvaluateAsync<string?>("() => sessionStorage.getItem('followup.apiKey')"));
        await ScreenshotAsync("sign-in-refused");
    }

    [Fact]
    public async Task SignOut_ForgetsTheKey()
    {
        await SignInAsync();

        await Page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();

        await Assertions.Expect(Page.GetByLabel("API key")).ToBeVisibleAsync();
        Assert.Null(await Page.EvaluateAsync<string?>("() => sessionStorage.getItem('followup.apiKey')"));
        AssertNoPageErrors();
    }
}
