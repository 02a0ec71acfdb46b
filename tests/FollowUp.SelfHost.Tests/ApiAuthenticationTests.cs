using System.Net;

namespace FollowUp.SelfHost.Tests;

public class ApiAuthenticationTests
{
    [Theory]
    [InlineData("/api/rules")]
    [InlineData("/api/templates")]
    [InlineData("/api/messages")]
    public async Task Api_WithoutKey_Is401ProblemDetails(string path)
    {
        await using var factory = await SelfHostFactory.CreateAsync();
        using var client = factory.CreateClient();

        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Api_WithFunctionsKeyHeader_IsAccepted()
    {
        await using var factory = await SelfHostFactory.CreateAsync();
        using var client = factory.CreateClient();
        client.DefaultRequestHeaders.Add("x-functions-key", SelfHostFactory.ApiKey);

        using var response = await client.GetAsync(new Uri("/api/rules", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Api_WithWrongKey_Is401()
    {
        await using var factory = await SelfHostFactory.CreateAsync();
        using var client = factory.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", "wrong");

        using var response = await client.GetAsync(new Uri("/api/rules", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
