using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using FollowUp.SelfHost.Tests.Api;

namespace FollowUp.SelfHost.Tests.Health;

public partial class HealthTests
{
    [Fact]
    public async Task Health_WithoutKey_Is200Healthy()
    {
        await using var factory = await SelfHostFactory.CreateAsync();
        using var client = factory.CreateClient();

        using var response = await client.GetAsync(new Uri("/health", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("""{"status":"healthy"}""", await response.Content.ReadAsStringAsync());
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.True(response.Headers.CacheControl?.NoStore);
    }

    [Fact]
    public async Task HealthReady_StorageAnswers_Is200()
    {
        await using var factory = await SelfHostFactory.CreateAsync();
        using var client = factory.CreateClient();

        using var response = await client.GetAsync(new Uri("/health/ready", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("""{"status":"healthy","checks":{"options":"healthy","storage":"healthy"}}""", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task HealthReady_StorageGoneAway_Is503NamingOnlyTheCheck_UntilItIsBack()
    {
        // The host starts with storage reachable (through a relay), then storage goes away: its port refuses.
        var azurite = Port().Match(await SharedAzurite.ConnectionStringAsync());
        await using var relay = new TcpRelay(int.Parse(azurite.Groups["port"].Value, CultureInfo.InvariantCulture));
        await using var factory = await SelfHostFactory.CreateAsync(configure: settings =>
            settings["FollowUp:Storage:ConnectionString"] = Port().Replace(settings["FollowUp:Storage:ConnectionString"]!, $"127.0.0.1:{relay.Port}/"));
        using var client = factory.CreateClient();
        using var before = await client.GetAsync(new Uri("/health/ready", UriKind.Relative));

        relay.Close();
        using var after = await client.GetAsync(new Uri("/health/ready", UriKind.Relative));
        using var live = await client.GetAsync(new Uri("/health", UriKind.Relative));
        var body = await after.Content.ReadAsStringAsync();
        relay.Open();
        using var back = await client.GetAsync(new Uri("/health/ready", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, after.StatusCode);
        Assert.Equal("""{"status":"unhealthy","checks":{"options":"healthy","storage":"unhealthy"}}""", body);
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal(HttpStatusCode.OK, back.StatusCode);
    }

    [Theory]
    [InlineData("/health")]
    [InlineData("/health/ready")]
    public async Task Health_OnlyGet(string path)
    {
        await using var factory = await SelfHostFactory.CreateAsync();
        using var client = factory.CreateClient();

        var (response, _) = await client.SendAsync(HttpMethod.Post, path, "{}");

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
    }

    [GeneratedRegex(@"127\.0\.0\.1:(?<port>\d+)/")]
    private static partial Regex Port();
}
