using System.Runtime.CompilerServices;

namespace FollowUp.Console.Tests;

/// <summary>
/// A test of the console in a real browser against a real self-host: each test has its own host (its own tables), its
/// own browser context, and fails on any error the page logs — a script error, or a Content-Security-Policy violation.
/// </summary>
[Collection(SharedBrowser.Name)]
public abstract class ConsoleTest(Chromium chromium) : IAsyncLifetime
{
    private readonly List<string> _pageErrors = [];
    private IBrowserContext? _context;

    protected ConsoleHost Host { get; private set; } = null!;

    protected IPage Page { get; private set; } = null!;

    protected IBrowserContext Context => _context!;

    /// <summary>The checkout this test assembly was built in (declared first: the folder below is made from it).</summary>
    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    /// <summary>Where the screenshots go: TestResults/console at the repository's root, kept by CI as artifacts.</summary>
    public static string ScreenshotFolder { get; } = Path.Combine(RepositoryRoot, "TestResults", "console");

    /// <summary>Settings for the host before it starts; none by default.</summary>
    protected virtual void Configure(Dictionary<string, string?> settings)
    {
    }

    /// <summary>The self-host, unless a test class runs the console against the Functions app.</summary>
    protected virtual Task<ConsoleHost> StartHostAsync() => ConsoleHost.StartSelfHostAsync(Configure);

    /// <summary>Put before the screenshots' names of a test class run against the Functions app.</summary>
    protected virtual string ScreenshotPrefix => string.Empty;

    public async Task InitializeAsync()
    {
        Host = await StartHostAsync();
        _context = await (await chromium.ConnectedAsync()).NewContextAsync(new() { ViewportSize = new() { Width = 1400, Height = 900 }, Locale = "en-GB", TimezoneId = "Europe/Oslo" });
        _context.SetDefaultTimeout(15_000);

        Page = await _context.NewPageAsync();
        Page.Console += (_, message) =>
        {
            // An API's 4xx answer is the console's business (it shows the problem); the browser logs it all the same.
            if (message.Type == "error" && !message.Text.StartsWith("Failed to load resource: the server responded with a status of 4", StringComparison.Ordinal))
            {
                lock (_pageErrors)
                {
                    _pageErrors.Add($"console: {message.Text}");
                }
            }
        };
        Page.PageError += (_, error) =>
        {
            lock (_pageErrors)
            {
                _pageErrors.Add($"page error: {error}");
            }
        };
    }

    public async Task DisposeAsync()
    {
        if (_context is not null)
        {
            await _context.DisposeAsync();
        }

        await Host.DisposeAsync();
    }

    /// <summary>Opens the console and signs in with the self-host's key.</summary>
    protected async Task SignInAsync(string path = "")
    {
        await Page.GotoAsync(new Uri(Host.Console, path).ToString());
        await Page.GetByLabel("API key").FillAsync(Host.ApiKey);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(Page.GetByRole(AriaRole.Navigation, new() { Name = "Console" })).ToBeVisibleAsync();
    }

    /// <summary>
    /// Moves the host's clock. The page keeps the real one (CodeMirror times its completion with it); what it shows
    /// of periods it takes from the host's answers.
    /// </summary>
    protected void Advance(TimeSpan by) => Host.Time.Advance(by);

    /// <summary>Posts an event through the API as a business's system would, and answers the ingest result.</summary>
    protected async Task<System.Text.Json.Nodes.JsonObject> PostEventAsync(System.Text.Json.Nodes.JsonObject cloudEvent)
    {
        using var api = Host.CreateApiClient();
        using var content = new StringContent(cloudEvent.ToJsonString(), System.Text.Encoding.UTF8, "application/cloudevents+json");
        using var response = await api.PostAsync(new Uri("/api/events", UriKind.Relative), content);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        return System.Text.Json.Nodes.JsonNode.Parse(body)!.AsObject();
    }

    /// <summary>Sends what has fallen due, through the fake SendGrid, and counts it in the reports.</summary>
    protected async Task DispatchAndCountAsync()
    {
        await Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<FollowUp.Dispatch.MessageDispatcher>(Host.Services).DispatchDueAsync();
        await ChangeFeedPass.RunAsync(Host.Services);
    }

    protected async Task ScreenshotAsync(string name)
    {
        Directory.CreateDirectory(ScreenshotFolder);
        await Page.ScreenshotAsync(new() { Path = Path.Combine(ScreenshotFolder, ScreenshotPrefix + name + ".png"), FullPage = true });
    }

    /// <summary>Errors the page logged so far: none is expected.</summary>
    protected void AssertNoPageErrors([CallerMemberName] string test = "")
    {
        lock (_pageErrors)
        {
            Assert.True(_pageErrors.Count == 0, $"{test}: the page logged errors:\n{string.Join('\n', _pageErrors)}");
        }
    }

    private static string FindRepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "FollowUp.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException("FollowUp.sln not found above the test assembly.");
    }
}
