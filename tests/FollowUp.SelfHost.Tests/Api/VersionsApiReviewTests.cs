using System.Net;
using Azure.Data.Tables;
using FollowUp.Rules;
using FollowUp.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace FollowUp.SelfHost.Tests.Api;

public class VersionsApiReviewTests
{
    // Another instance saves the rule (v2) after this instance's delete kept v1 and before it removes the rule: the
    // delete removes v2 with ETag * and v2 is in no history. (A template's delete is one transaction on the read ETag.)
    [Fact]
    public async Task RuleDelete_RacingASaveOnAnotherInstance_NeverLosesTheSavedVersion()
    {
        var interleave = new StorageInterleave();
        await using var factory = await SelfHostFactory.CreateAsync(services: interleave.InstallIn);
        using var client = factory.CreateApiClient();
        var rules = factory.Services.GetRequiredService<FollowUpTables>().Rules.Name;
        var prefix = rules[..^"Rules".Length];
        var v1 = (await factory.Services.GetRequiredService<RuleBook>().GetAsync("thank-you"))!;
        Assert.Equal(1, v1.Version);

        interleave.Arm(
            (method, path, _) => method == "DELETE" && path.Contains(rules + "(", StringComparison.Ordinal),
            other => new RuleBook(new FollowUpTables(other, prefix), TimeProvider.System).SaveAsync(v1 with { Delay = "PT2H", UpdatedBy = "alice" }, expectedVersion: 1));
        var (deleted, _) = await client.SendAsync(HttpMethod.Delete, "/api/rules/thank-you");
        Assert.Equal(1, interleave.Made);
        Assert.True(deleted.StatusCode is HttpStatusCode.NoContent or HttpStatusCode.PreconditionFailed or HttpStatusCode.Conflict, $"{(int)deleted.StatusCode}");

        var (_, versions) = await client.SendAsync(HttpMethod.Get, "/api/rules/thank-you/versions");
        var (v2, kept) = await client.SendAsync(HttpMethod.Get, "/api/rules/thank-you/versions/2");

        Assert.True(v2.StatusCode == HttpStatusCode.OK, $"version 2 (PT2H, saved by alice) is gone; the history is {versions?.ToJsonString()}");
        Assert.Equal("PT2H", kept!["delay"]!.GetValue<string>());
    }
}
