namespace FollowUp.Console.Tests;

/// <summary>One Debian Chromium for the browser tests (see <see cref="DebianChromium"/>).</summary>
public sealed class Chromium : IAsyncLifetime
{
    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;

    /// <summary>The browser, launched again if it went away: one crash fails its own test, not every test after it.</summary>
    public async Task<IBrowser> ConnectedAsync()
    {
        if (!Browser.IsConnected)
        {
            Browser = await DebianChromium.LaunchAsync(_playwright!);
        }

        return Browser;
    }

    public async Task InitializeAsync()
    {
        _playwright = await Playwright.CreateAsync();
        Browser = await DebianChromium.LaunchAsync(_playwright);
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
    }
}
