using System.Diagnostics;
using System.Net;
using FollowUp.SelfHost.Storage;
using FollowUp.Testing;
using Microsoft.Playwright;

namespace FollowUp.Benchmarks;

/// <summary>
/// Figure 10, the console: what a browser downloads for it (raw and as served, Brotli), and how long Debian's Chromium
/// takes from asking for <c>/console/</c> to showing the overview's figures, and the template editor's preview, on
/// loopback against the self-host — each time with an empty cache, as a first visit.
/// </summary>
internal static class ConsoleBenchmark
{
    private const int Views = 12;
    private const int WarmUp = 2;

    public static async Task<IReadOnlyList<Figure>> RunAsync(BenchmarkOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        await using var sendGrid = await FakeSendGridServer.StartAsync();
        var settings = await BenchSettings.CreateAsync(sendGrid, options);
        var storage = new StorageRequestCounter().CreateClient(settings[BenchSettings.ConnectionStringKey]!);
        var host = new BenchSelfHost(settings, storage, useTestServer: false);
        try
        {
            using var client = host.CreateApiClient();
            var root = client.BaseAddress!;
            for (var i = 0; i < 50; i++)
            {
                using var content = new StringContent(BenchEvents.OrderPlaced("console", i, TimeProvider.System.GetUtcNow()).ToJsonString(), System.Text.Encoding.UTF8, "application/cloudevents+json");
                (await client.PostAsync(new Uri("/api/events", UriKind.Relative), content, cancellationToken)).Dispose();
            }

            using var playwright = await Playwright.CreateAsync();
            await using var browser = await DebianChromium.LaunchAsync(playwright);
            var overview = await ViewsAsync(browser, root, "console/", "[data-testid=total-sent]", cancellationToken);
            var editor = await ViewsAsync(browser, root, "console/templates/thank-you", "[data-testid=preview-subject]", cancellationToken);

            // After the views: the host makes each file's Brotli form when it is first asked for, and serves it raw
            // until then (the warm-up views above are that first asking).
            var sizes = await SizesAsync(root, cancellationToken);

            Console.WriteLine($"  first view: {Kb(sizes.First.Raw)} raw, {Kb(sizes.First.Served)} served; overview {Kb(sizes.Overview.Raw)} / {Kb(sizes.Overview.Served)}; editors {Kb(sizes.Editors.Raw)} / {Kb(sizes.Editors.Served)}");
            Console.WriteLine($"  overview shown: median {Stats.Milliseconds(overview.Median)}, p95 {Stats.Milliseconds(overview.P95)}; template preview shown: median {Stats.Milliseconds(editor.Median)}, p95 {Stats.Milliseconds(editor.P95)}");
            return
            [
                new Figure("10", "Console: downloads (raw / as served, Brotli)", $"{Kb(sizes.First.Served)} first view", null,
                    $"first view (page, style, app) {Kb(sizes.First.Raw)} / {Kb(sizes.First.Served)}; the overview's code (Chart.js) {Kb(sizes.Overview.Raw)} / {Kb(sizes.Overview.Served)}; the editors' (CodeMirror) {Kb(sizes.Editors.Raw)} / {Kb(sizes.Editors.Served)}"),
                new Figure("10b", "Console: /console/ to the overview's figures shown, empty cache", Stats.Milliseconds(overview.Median), null,
                    $"median of {Views - WarmUp} first visits in Debian's Chromium on loopback, p95 {Stats.Milliseconds(overview.P95)}; includes the API's /api/me and a 30-day report"),
                new Figure("10c", "Console: a template editor's address to its preview shown, empty cache", Stats.Milliseconds(editor.Median), null,
                    $"median of {Views - WarmUp}, p95 {Stats.Milliseconds(editor.P95)}; includes CodeMirror's download and the server's render of the preview"),
            ];
        }
        finally
        {
            await host.DisposeAsync();
            await new FollowUp.Storage.FollowUpTables(storage, settings[BenchSettings.TablePrefixKey]!).DeleteAllAsync(CancellationToken.None);
        }
    }

    private static string Kb(long bytes) => (bytes / 1024.0).ToString("0", System.Globalization.CultureInfo.InvariantCulture) + " kB";

    private readonly record struct Size(long Raw, long Served);

    private static async Task<(Size First, Size Overview, Size Editors)> SizesAsync(Uri root, CancellationToken cancellationToken)
    {
        using var plain = new HttpClient(new HttpClientHandler { AutomaticDecompression = DecompressionMethods.None }) { BaseAddress = root };
        var page = await plain.GetStringAsync(new Uri("/console/", UriKind.Relative), cancellationToken);
        var assets = Directory.GetFiles(Path.Combine(RepositoryRoot.Find()!, "src", "FollowUp.Console", "dist", "assets")).Select(Path.GetFileName).OfType<string>().ToList();
        Size first = new(System.Text.Encoding.UTF8.GetByteCount(page), System.Text.Encoding.UTF8.GetByteCount(page)), overview = default, editors = default;
        foreach (var asset in assets.Where(name => !name.StartsWith("frame-", StringComparison.Ordinal)))
        {
            var raw = (await plain.GetByteArrayAsync(new Uri("/console/assets/" + asset, UriKind.Relative), cancellationToken)).LongLength;
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/console/assets/" + asset, UriKind.Relative));
            request.Headers.AcceptEncoding.ParseAdd("br");
            using var answer = await plain.SendAsync(request, cancellationToken);
            var served = (await answer.Content.ReadAsByteArrayAsync(cancellationToken)).LongLength;
            if (page.Contains("assets/" + asset, StringComparison.Ordinal))
            {
                first = new(first.Raw + raw, first.Served + served);
            }
            else if (asset.StartsWith("Overview-", StringComparison.Ordinal))
            {
                overview = new(overview.Raw + raw, overview.Served + served);
            }
            else
            {
                editors = new(editors.Raw + raw, editors.Served + served);
            }
        }

        return (first, overview, editors);
    }

    private static async Task<(double Median, double P95)> ViewsAsync(IBrowser browser, Uri root, string path, string shown, CancellationToken cancellationToken)
    {
        var times = new List<double>();
        for (var i = 0; i < Views && !cancellationToken.IsCancellationRequested; i++)
        {
            // A new context is a new profile: nothing cached, as on a first visit; the key is in session storage, as
            // after signing in.
            await using var context = await browser.NewContextAsync(new() { ViewportSize = new() { Width = 1400, Height = 900 } });
            await context.AddInitScriptAsync($"sessionStorage.setItem('followup.apiKey', '{BenchSelfHost.ApiKey}')");
            var page = await context.NewPageAsync();
            var started = Stopwatch.GetTimestamp();
            await page.GotoAsync(new Uri(root, path).ToString());
            await page.Locator(shown).First.WaitForAsync(new() { State = WaitForSelectorState.Visible, Timeout = 30_000 });
            var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            if (i >= WarmUp)
            {
                times.Add(elapsed);
            }
        }

        times.Sort();
        return (Stats.Percentile(times, 50), Stats.Percentile(times, 95));
    }
}
