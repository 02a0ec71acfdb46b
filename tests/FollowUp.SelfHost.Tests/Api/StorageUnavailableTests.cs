using System.Net;

namespace FollowUp.SelfHost.Tests.Api;

public class StorageUnavailableTests
{
    [Theory]
    [InlineData("/api/rules")]
    [InlineData("/api/rules/thank-you")]
    [InlineData("/api/templates/thank-you")]
    public async Task Get_StorageNotAnswering_Is503ProblemToRetry(string path)
    {
        var faults = new StorageFaults();
        await using var factory = await SelfHostFactory.CreateAsync(services: faults.InstallIn);
        using var client = factory.CreateApiClient();
        faults.Fail("Rules", "GET", skip: 0, count: 100);
        faults.Fail("Templates", "GET", skip: 0, count: 100);

        var (response, problem) = await client.SendAsync(HttpMethod.Get, path);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(503, problem!["status"]!.GetValue<int>());
        Assert.True(faults.Injected > 0);
    }
}
