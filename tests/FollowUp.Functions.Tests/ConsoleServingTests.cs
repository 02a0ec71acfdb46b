using System.Net;
using Microsoft.AspNetCore.Http;

namespace FollowUp.Functions.Tests;

/// <summary>The console's files as caches, proxies and monitors ask for them: HEAD, conditional requests, encodings, misses.</summary>
public sealed class ConsoleServingTests
{
    private static async Task<HttpResponse> GetAsync(IServiceProvider services, string path, params (string Name, string Value)[] headers)
    {
        var context = HttpInvocation.Context(services, HttpMethods.Get, "/console/" + path, apiKey: null);
        foreach (var (name, value) in headers)
        {
            context.Request.Headers[name] = value;
        }

        return await Task.FromResult(new ConsoleFunction().Serve(context.Request, path)).ExecuteAsync(context);
    }

    private static async Task<string> ScriptPathAsync(IServiceProvider services) =>
        System.Text.RegularExpressions.Regex.Match(await (await GetAsync(services, string.Empty)).ReadBodyAsync(), "src=\"/console/(assets/[^\"]+\\.js)\"").Groups[1].Value;

    [Fact]
    public async Task Console_AHeadRequest_IsAnsweredAsAGetWithoutTheBody()
    {
        // Uptime monitors and link checkers ask with HEAD; the function's trigger takes only GET, so they get 405.
        await using var host = await FunctionsHttpHost.StartAsync();
        using var client = new HttpClient { BaseAddress = host.Address };

        using var head = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/console/"));

        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Equal("text/html", head.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("\"elsewhere\", {0}")]
    [InlineData("{1}")]
    [InlineData("*")]
    public async Task Console_IfNoneMatchThatHoldsForTheAsset_Answers304(string ifNoneMatch)
    {
        // RFC 9110 13.1.2: a list of tags, compared weakly (W/"x" and "x" match), or *.
        await using var harness = await PipelineHarness.CreateAsync();
        var script = await ScriptPathAsync(harness.Services);
        var etag = (await GetAsync(harness.Services, script)).Headers.ETag.ToString();
        var strong = etag.StartsWith("W/", StringComparison.Ordinal) ? etag[2..] : etag;

        var again = await GetAsync(harness.Services, script, ("If-None-Match", string.Format(System.Globalization.CultureInfo.InvariantCulture, ifNoneMatch, etag, strong)));

        Assert.Equal(StatusCodes.Status304NotModified, again.StatusCode);
    }

    [Fact]
    public async Task Console_BrotliRefusedWithAnUpperCaseQ_IsNotSentAsBrotli()
    {
        // "q" is case-insensitive (RFC 9110's ABNF): "br;Q=0" says "never Brotli", but only "q=0" is looked for.
        await using var harness = await PipelineHarness.CreateAsync();
        var script = await ScriptPathAsync(harness.Services);
        for (var tries = 0; (await GetAsync(harness.Services, script, ("Accept-Encoding", "br"))).Headers.ContentEncoding.Count == 0; tries++)
        {
            Assert.True(tries < 100, "The asset's Brotli form was never ready.");
            await Task.Delay(TimeSpan.FromMilliseconds(200), TimeProvider.System);
        }

        var refused = await GetAsync(harness.Services, script, ("Accept-Encoding", "gzip, br;Q=0"));

        Assert.Empty(refused.Headers.ContentEncoding.ToString());
    }

    [Fact]
    public async Task Console_AMissingFile_IsAnsweredWithNosniff()
    {
        // The 404 repeats the path as it came ("<img src=x onerror=...>" unescaped in the JSON) and goes out before the
        // nosniff and Referrer-Policy headers are set.
        await using var harness = await PipelineHarness.CreateAsync();

        var missing = await GetAsync(harness.Services, "<img src=x onerror=alert(1)>.js");

        Assert.Equal(StatusCodes.Status404NotFound, missing.StatusCode);
        Assert.Equal("nosniff", missing.Headers.XContentTypeOptions.ToString());
    }
}
