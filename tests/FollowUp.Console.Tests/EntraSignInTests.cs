using System.Text;
using FollowUp.Http;

namespace FollowUp.Console.Tests;

/// <summary>The console behind App Service's built-in authentication with Entra ID: the self-host told it is there.</summary>
public sealed class EntraSignInTests(Chromium chromium) : ConsoleTest(chromium)
{
    protected override void Configure(Dictionary<string, string?> settings)
    {
        settings["FollowUp:Auth:EntraEnabled"] = "true";
        settings[EntraSignIn.PlatformSetting] = "True";
    }

    [Fact]
    public async Task SignIn_OffersMicrosoftEntraId_BesideTheKey()
    {
        await Page.GotoAsync(Host.Console.ToString());

        var entra = Page.GetByRole(AriaRole.Link, new() { Name = "Sign in with Microsoft" });
        await Assertions.Expect(entra).ToHaveAttributeAsync("href", EntraSignIn.SignInPath);
        await Assertions.Expect(Page.GetByLabel("API key")).ToBeVisibleAsync();
        await ScreenshotAsync("sign-in-entra");
        AssertNoPageErrors();
    }

    [Fact]
    public async Task ASignedInUserWithTheRole_GetsInWithoutAKey_AndIsWhoSaves()
    {
        // What App Service's built-in authentication adds to each request of a signed-in user.
        var principal = Convert.ToBase64String(Encoding.UTF8.GetBytes(
            """{"auth_typ":"aad","claims":[{"typ":"preferred_username","val":"ingrid@tebutikken.example"},{"typ":"roles","val":"FollowUp.Console"}],"name_typ":"name","role_typ":"roles"}"""));
        await BehindBuiltInAuthenticationAsync(principal);

        await Page.GotoAsync(new Uri(Host.Console, "templates/thank-you").ToString());

        await Assertions.Expect(Page.Locator(".top .who")).ToHaveTextAsync("entra:ingrid@tebutikken.example");
        await Page.GetByRole(AriaRole.Tab, new() { Name = "Subject" }).ClickAsync();
        await Page.Locator("#template-text").ClickAsync();
        await Page.Keyboard.PressAsync("End");
        await Page.Keyboard.InsertTextAsync(" 🎉");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Assertions.Expect(Page.Locator(".version-list li").First).ToContainTextAsync("by entra:ingrid@tebutikken.example");
        Assert.Null(await Page.EvaluateAsync<string?>("() => sessionStorage.getItem('followup.apiKey')"));
        AssertNoPageErrors();
    }

    [Fact]
    public async Task ASignedInUserWithoutTheRole_CanStillSignInWithAKey()
    {
        // /api/me answers 403 for a signed-in user without the app role; the console shows that problem and nothing
        // else: no key field, no way to sign out, so the user is stuck until the Entra session ends.
        var principal = Convert.ToBase64String(Encoding.UTF8.GetBytes(
            """{"auth_typ":"aad","claims":[{"typ":"preferred_username","val":"guest@tebutikken.example"}],"name_typ":"name","role_typ":"roles"}"""));
        await BehindBuiltInAuthenticationAsync(principal);

        await Page.GotoAsync(Host.Console.ToString());

        await Assertions.Expect(Page.GetByLabel("API key")).ToBeVisibleAsync();
        AssertNoPageErrors();
    }

    /// <summary>
    /// What App Service's built-in authentication does for a signed-in user: it adds the principal header to each
    /// request on its way to the app. Added here to the page's requests to this host (a header the page itself sent
    /// would make its cross-origin requests, the preview frame's, ask CORS first, which the platform's never do).
    /// </summary>
    private async Task BehindBuiltInAuthenticationAsync(string principal)
    {
        await Page.RouteAsync(new Uri(Host.Address, "/api/**").ToString(), async route =>
        {
            var headers = new Dictionary<string, string>(route.Request.Headers) { ["X-MS-CLIENT-PRINCIPAL"] = principal };
            await route.ContinueAsync(new() { Headers = headers });
        });
    }
}
