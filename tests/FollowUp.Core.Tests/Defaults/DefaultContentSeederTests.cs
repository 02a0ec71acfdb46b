using Azure.Data.Tables;
using FollowUp.Defaults;
using FollowUp.Rules;
using FollowUp.Templates;
using FollowUp.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace FollowUp.Core.Tests.Defaults;

/// <summary>Seeding the defaults: all of them on a new installation, and later additions once on an older one.</summary>
public class DefaultContentSeederTests
{
    private static readonly string[] FirstDefaults = ["thank-you", "review-request", "loyalty-reward", "lost-sale-survey"];

    [Fact]
    public async Task SeedAsync_NewInstallation_HasEveryDefaultRuleAndTemplate()
    {
        await using var harness = await PipelineHarness.CreateAsync();

        Assert.Equal(DefaultRules.All.Select(r => r.Id).Order(StringComparer.Ordinal), (await Rules(harness).GetAllAsync()).Keys.Order(StringComparer.Ordinal));
        Assert.Equal(DefaultTemplates.All.Select(t => t.Id).Order(StringComparer.Ordinal), (await Templates(harness).ListAsync()).Select(t => t.Id).Order(StringComparer.Ordinal));
        Assert.Contains("while-you-wait", (await Rules(harness).GetAllAsync()).Keys);
    }

    [Fact]
    public async Task SeedAsync_InstallationSeededWithTheFirstFour_AddsTheLaterDefaultsOnceAndNoDeletedDefault()
    {
        await using var harness = await PipelineHarness.CreateAsync(seedDefaults: false);
        await SeedFirstFourAsync(harness);
        await Rules(harness).DeleteAsync("thank-you");

        await Seeder(harness).SeedAsync();
        await Seeder(harness).SeedAsync();

        Assert.Equal(
            ["lost-sale-survey", "loyalty-reward", "nps-question", "review-request", "while-you-wait"],
            (await Rules(harness).GetAllAsync()).Keys.Order(StringComparer.Ordinal));
        Assert.Equal(1, (await Rules(harness).GetAsync("while-you-wait"))!.Version);
        Assert.Equal(1, (await Templates(harness).GetAsync("while-you-wait"))!.Version);
        Assert.False((await Rules(harness).GetAsync("nps-question"))!.Enabled);
        Assert.Equal(1, (await Templates(harness).GetAsync("nps-question"))!.Version);
    }

    [Fact]
    public async Task SeedAsync_WhileYouWaitDeletedAfterItWasAdded_StaysDeleted()
    {
        await using var harness = await PipelineHarness.CreateAsync(seedDefaults: false);
        await SeedFirstFourAsync(harness);
        await Seeder(harness).SeedAsync();
        await Rules(harness).DeleteAsync("while-you-wait");

        await Seeder(harness).SeedAsync();

        Assert.Null(await Rules(harness).GetAsync("while-you-wait"));
        Assert.Equal(DefaultRules.All.Count - 1, (await Rules(harness).GetAllAsync()).Count);
    }

    [Fact]
    public async Task SeedAsync_TwoInstancesStartingTogether_AddWhileYouWaitOnce()
    {
        await using var first = await PipelineHarness.CreateAsync(seedDefaults: false);
        await using var second = await PipelineHarness.CreateAsync(s => s["FollowUp:Storage:TablePrefix"] = first.Settings["FollowUp:Storage:TablePrefix"], seedDefaults: false);
        await SeedFirstFourAsync(first);

        await Task.WhenAll(Seeder(first).SeedAsync(), Seeder(second).SeedAsync());

        Assert.Equal(1, (await Rules(first).GetAsync("while-you-wait"))!.Version);
        Assert.Equal(1, (await Templates(first).GetAsync("while-you-wait"))!.Version);
        Assert.Equal(DefaultRules.All.Count, (await Rules(second).GetAllAsync()).Count);
    }

    /// <summary>What an installation seeded before while-you-wait existed holds: the first four defaults and their marker.</summary>
    private static async Task SeedFirstFourAsync(PipelineHarness harness)
    {
        foreach (var template in DefaultTemplates.All.Where(t => FirstDefaults.Contains(t.Id)))
        {
            await Templates(harness).SaveAsync(template, expectedVersion: 0);
        }

        foreach (var rule in DefaultRules.All.Where(r => FirstDefaults.Contains(r.Id)))
        {
            await Rules(harness).SaveAsync(rule, expectedVersion: 0);
        }

        await harness.Tables.Rules.AddEntityAsync(new TableEntity("seed", "defaults-v1"));
    }

    private static DefaultContentSeeder Seeder(PipelineHarness harness) => harness.Services.GetRequiredService<DefaultContentSeeder>();

    private static RuleBook Rules(PipelineHarness harness) => harness.Services.GetRequiredService<RuleBook>();

    private static TemplateLibrary Templates(PipelineHarness harness) => harness.Services.GetRequiredService<TemplateLibrary>();
}
