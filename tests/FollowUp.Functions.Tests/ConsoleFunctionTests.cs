using FollowUp.WebConsole;
using Microsoft.AspNetCore.Http;

namespace FollowUp.Functions.Tests;

/// <summary>The console on Functions: the same embedded files, at the same URL and under the same policy, as the self-host serves.</summary>
public sealed class ConsoleFunctionTests
{
    private static async Task<HttpResponse> GetAsync(string path)
    {
        await using var harness = await PipelineHarness.CreateAsync();
        var context = HttpInvocation.Context(harness.Services, HttpMethods.Get, "/console/" + path, apiKey: null);
        var response = await Task.FromResult(new ConsoleFunction().Serve(context.Request, path)).ExecuteAsync(context);
        return response;
    }

    [Fact]
    public async Task Console_ItsPage_IsTheAppUnderAStrictPolicyWithANewNonceEachTime()
    {
        var first = await GetAsync("templates/thank-you");
        var second = await GetAsync(string.Empty);

        Assert.Equal(StatusCodes.Status200OK, first.StatusCode);
        Assert.StartsWith("text/html", first.ContentType, StringComparison.Ordinal);
        var policy = first.Headers.ContentSecurityPolicy.ToString();
        Assert.Contains("script-src 'self';", policy, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe", policy, StringComparison.Ordinal);
        var nonce = System.Text.RegularExpressions.Regex.Match(policy, "'nonce-([^']+)'").Groups[1].Value;
        Assert.NotEmpty(nonce);
        Assert.Contains($"content=\"{nonce}\"", await first.ReadBodyAsync(), StringComparison.Ordinal);
        Assert.NotEqual(policy, second.Headers.ContentSecurityPolicy.ToString());
        Assert.Equal("no-store", first.Headers.CacheControl.ToString());
    }

    [Fact]
    public async Task Console_AnAssetOfTheBuild_IsServedForAYear_AndAMissingFileIs404()
    {
        var page = await (await GetAsync(string.Empty)).ReadBodyAsync();
        var script = System.Text.RegularExpressions.Regex.Match(page, "src=\"/console/(assets/[^\"]+\\.js)\"").Groups[1].Value;

        var asset = await GetAsync(script);
        var missing = await GetAsync("assets/nothing-here.js");

        Assert.Equal(StatusCodes.Status200OK, asset.StatusCode);
        Assert.StartsWith("text/javascript", asset.ContentType, StringComparison.Ordinal);
        Assert.Contains("immutable", asset.Headers.CacheControl.ToString(), StringComparison.Ordinal);
        Assert.Equal(StatusCodes.Status404NotFound, missing.StatusCode);
    }
}
