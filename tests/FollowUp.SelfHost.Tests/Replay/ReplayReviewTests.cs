using System.Net;
using FollowUp.SelfHost.Tests.Api;

namespace FollowUp.SelfHost.Tests.Replay;

public class ReplayReviewTests
{
    // A date that is not one is refused, but the reason says the field "must be an object": ApiResults.Describe has
    // no words for DateTimeOffset, the first body field of that type.
    [Theory]
    [InlineData("\"yesterday\"")]
    [InlineData("1700000000")]
    public async Task Replay_AFromThatIsNotADateTime_Is400SayingADateTimeIsWanted(string from)
    {
        await using var factory = await SelfHostFactory.CreateAsync();
        using var api = factory.CreateApiClient();

        var (response, problem) = await api.SendAsync(HttpMethod.Post, "/api/replay", $"{{\"changes\":[],\"from\":{from},\"to\":\"2026-11-02T00:00:00Z\"}}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var reason = problem!["errors"]!["from"]![0]!.GetValue<string>();
        Assert.DoesNotContain("object", reason, StringComparison.Ordinal);
        Assert.Contains("date", reason, StringComparison.OrdinalIgnoreCase);
    }
}
