using System.Net;
using System.Text.RegularExpressions;

namespace FollowUp.SelfHost.Tests.OpenApi;

public partial class ApiReferenceTests
{
    [Fact]
    public async Task Scalar_WithoutKey_ServesThePageOverTheDocument()
    {
        await using var factory = await SelfHostFactory.CreateAsync();
        using var client = factory.CreateClient();

        using var response = await client.GetAsync(new Uri("/scalar/", UriKind.Relative));
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("\"url\":\"openapi/v1.json\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Scalar_Page_LoadsNothingFromOutsideTheSelfHost()
    {
        // Works offline: every script and stylesheet comes from the self-host (the Scalar.AspNetCore package), the
        // web fonts are off, and so are telemetry and Scalar's hosted agent.
        await using var factory = await SelfHostFactory.CreateAsync();
        using var client = factory.CreateClient();

        var html = await client.GetStringAsync(new Uri("/scalar/", UriKind.Relative));
        var assets = Asset().Matches(html).Select(match => match.Groups["url"].Value).ToList();

        Assert.NotEmpty(assets);
        Assert.DoesNotContain("//", string.Concat(assets), StringComparison.Ordinal);
        Assert.Contains("\"withDefaultFonts\":false", html, StringComparison.Ordinal);
        Assert.Contains("\"telemetry\":false", html, StringComparison.Ordinal);
        foreach (var asset in assets)
        {
            using var response = await client.GetAsync(new Uri("/scalar/" + asset, UriKind.Relative));
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{asset} answered {(int)response.StatusCode}");
            Assert.Equal("text/javascript", response.Content.Headers.ContentType?.MediaType);
        }
    }

    [GeneratedRegex("""<(?:script|link)[^>]+(?:src|href)="(?<url>[^"]+)"?""")]
    private static partial Regex Asset();
}
