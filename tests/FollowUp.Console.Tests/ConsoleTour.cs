namespace FollowUp.Console.Tests;

/// <summary>
/// Takes the README's screenshots of each page (docs/console/*.png) from a self-host running the demo:
/// <code>
/// dotnet run --project src/FollowUp.SelfHost -- --demo --urls http://localhost:5082   # wait for "That was a week."
/// FOLLOWUP_TOUR_URL=http://localhost:5082 FOLLOWUP_TOUR_KEY=$(cat .local/api-key) FOLLOWUP_TOUR_ORDER=A-1001-… \
///   dotnet test tests/FollowUp.Console.Tests --filter ConsoleTour
/// </code>
/// </summary>
[Collection(SharedBrowser.Name)]
public sealed class ConsoleTour(Chromium chromium)
{
    private static readonly string Docs = Path.Combine(ConsoleTest.RepositoryRoot, "docs", "console");

    [ConsoleTour]
    public async Task Tour_TakesTheReadmeScreenshots()
    {
        var url = Environment.GetEnvironmentVariable("FOLLOWUP_TOUR_URL")!.TrimEnd('/');
        var key = Environment.GetEnvironmentVariable("FOLLOWUP_TOUR_KEY")!;
        var order = Environment.GetEnvironmentVariable("FOLLOWUP_TOUR_ORDER") ?? string.Empty;
        Directory.CreateDirectory(Docs);
        await using var context = await chromium.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1360, Height = 860 }, Locale = "en-GB", TimezoneId = "Europe/Oslo" });
        var page = await context.NewPageAsync();

        await page.GotoAsync($"{url}/console/");
        await Shot(page, "sign-in", fullPage: false);
        await page.GetByLabel("API key").FillAsync(key);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("total-sent")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator(".funnel").First).ToBeVisibleAsync();
        await Shot(page, "overview");

        await page.GetByRole(AriaRole.Link, new() { Name = "Rules", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Row).Nth(3)).ToBeVisibleAsync();
        await Shot(page, "rules");
        await page.GetByRole(AriaRole.Link, new() { Name = "review-request", Exact = true }).First.ClickAsync();
        await Assertions.Expect(page.Locator(".verdict")).ToBeVisibleAsync();
        await Shot(page, "rule-editor");

        await page.GetByRole(AriaRole.Link, new() { Name = "Templates", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "thank-you", Exact = true }).First.ClickAsync();
        await page.GetByRole(AriaRole.Tab, new() { Name = "Bokmål" }).ClickAsync();
        await page.GetByRole(AriaRole.Tab, new() { Name = "HTML" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("preview-subject")).ToContainTextAsync("Takk");
        await Shot(page, "template-editor");

        await page.GotoAsync($"{url}/console/messages?orderId={Uri.EscapeDataString(order)}");
        await Assertions.Expect(page.Locator(".timeline li").First).ToBeVisibleAsync();
        await Shot(page, "messages");

        await page.GetByRole(AriaRole.Link, new() { Name = "Suppressions", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator("tr[data-key]").First).ToBeVisibleAsync();
        await Shot(page, "suppressions");
    }

    private static async Task Shot(IPage page, string name, bool fullPage = true)
    {
        // Not "network idle": a mail's remote images never answer on a closed network. The page's own requests are
        // done once what each step waits for is shown; a moment more lets the charts and the preview settle.
        await page.WaitForTimeoutAsync(700);
        await page.ScreenshotAsync(new() { Path = Path.Combine(Docs, name + ".png"), FullPage = fullPage });
    }
}
