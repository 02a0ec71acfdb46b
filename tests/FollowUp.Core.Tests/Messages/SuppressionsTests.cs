using Azure.Data.Tables;
using FollowUp.Events;
using FollowUp.Messages;
using FollowUp.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace FollowUp.Core.Tests.Messages;

/// <summary>
/// A suppression added or removed through one instance reaches every other instance's list on its next refresh, and
/// so what its dispatcher sends: here an API instance changes the list and a second instance, on the same tables and
/// with the list already in memory, ingests and dispatches.
/// </summary>
public class SuppressionsTests
{
    private const string Address = "kari@example.com";

    private static async Task<PipelineHarness> DispatcherBesideAsync(PipelineHarness api) =>
        await PipelineHarness.CreateAsync(s => s["FollowUp:Storage:TablePrefix"] = api.Settings["FollowUp:Storage:TablePrefix"], seedDefaults: false);

    [Fact]
    public async Task RemoveAsync_AnotherInstanceHoldingTheAddress_SendsItsMailAgainAfterOneRefresh()
    {
        await using var api = await PipelineHarness.CreateAsync();
        await using var dispatcher = await DispatcherBesideAsync(api);
        var suppressions = api.Services.GetRequiredService<Suppressions>();
        await suppressions.AddAsync(Address, "one-click unsubscribe from everything", null, api.Time.GetUtcNow(), UnsubscribeScope.Everything, SuppressionSource.UnsubscribeLink);
        Assert.True((await dispatcher.Services.GetRequiredService<Suppressions>().CurrentAsync(TimeSpan.Zero)).Contains(Address));

        api.Time.Advance(TimeSpan.FromSeconds(1));
        var (outcome, removed) = await suppressions.RemoveAsync(Address, "she asked us by phone to write again", "alice");
        dispatcher.Time.Advance(TimeSpan.FromSeconds(2));
        var thankYou = (await dispatcher.IngestAsync(TestEvents.Order(EventTypes.OrderPlaced, "R-1"))).Scheduled.Single(s => s.RuleId == "thank-you");
        await dispatcher.AdvanceAndDispatchAsync(TimeSpan.FromHours(1));

        Assert.Equal(SuppressionRemoval.Removed, outcome);
        Assert.False(removed!.Suppressed);
        Assert.Equal(MessageStatus.Scheduled, thankYou.Status);
        Assert.Contains(dispatcher.SendGrid.Accepted, mail => mail.MessageId == thankYou.MessageId);
        Assert.Null(await suppressions.ScopeOfAsync(Address));
    }

    [Fact]
    public async Task AddByHandAsync_AnotherInstanceWithAMessageDue_CancelsItInsteadOfSending()
    {
        await using var api = await PipelineHarness.CreateAsync();
        await using var dispatcher = await DispatcherBesideAsync(api);
        var thankYou = (await dispatcher.IngestAsync(TestEvents.Order(EventTypes.OrderPlaced, "A-1"))).Scheduled.Single(s => s.RuleId == "thank-you").MessageId!;
        Assert.False((await dispatcher.Services.GetRequiredService<Suppressions>().CurrentAsync(TimeSpan.Zero)).Contains(Address));

        var (created, suppression) = await api.Services.GetRequiredService<Suppressions>().AddByHandAsync(Address, UnsubscribeScope.Everything, "asked by phone to get no more mail", "alice");
        await dispatcher.AdvanceAndDispatchAsync(TimeSpan.FromHours(1));

        Assert.True(created);
        Assert.Equal((SuppressionSource.Manual, "alice"), (suppression.Source!.Value, suppression.By));
        Assert.Empty(dispatcher.SendGrid.Accepted);
        Assert.Equal("the address has unsubscribed from everything", (await dispatcher.MessageAsync(thankYou)).Reason);
    }

    [Fact]
    public async Task RemoveAsync_ThenAddedAgainNarrower_EveryInstanceHoldsTheNarrowerScope()
    {
        await using var api = await PipelineHarness.CreateAsync();
        await using var dispatcher = await DispatcherBesideAsync(api);
        var suppressions = api.Services.GetRequiredService<Suppressions>();
        var list = dispatcher.Services.GetRequiredService<Suppressions>();
        await suppressions.AddAsync(Address, "one-click unsubscribe from everything", null, api.Time.GetUtcNow());
        Assert.Equal(UnsubscribeScope.Everything, (await list.CurrentAsync(TimeSpan.Zero)).ScopeOf(Address));

        api.Time.Advance(TimeSpan.FromSeconds(1));
        await suppressions.RemoveAsync(Address, null, "alice");
        api.Time.Advance(TimeSpan.FromSeconds(1));
        await suppressions.AddAsync(Address, "unsubscribe from marketing", null, api.Time.GetUtcNow(), UnsubscribeScope.Marketing, SuppressionSource.UnsubscribeLink);
        dispatcher.Time.Advance(TimeSpan.FromSeconds(3));

        Assert.Equal(UnsubscribeScope.Marketing, (await list.CurrentAsync(TimeSpan.Zero)).ScopeOf(Address));
        Assert.Equal(UnsubscribeScope.Marketing, await suppressions.ScopeOfAsync(Address));

        // Long after, the log read again from its start (a new instance) ends the same way.
        await using var later = await DispatcherBesideAsync(api);
        later.Time.Advance(TimeSpan.FromDays(1));
        Assert.Equal(UnsubscribeScope.Marketing, (await later.Services.GetRequiredService<Suppressions>().CurrentAsync(TimeSpan.Zero)).ScopeOf(Address));
    }

    [Fact]
    public async Task RemoveAsync_AnUnsubscribeBetweenItsReadAndItsDelete_TheUnsubscribeWins()
    {
        var interleave = new StorageInterleave();
        await using var api = await PipelineHarness.CreateAsync(services: interleave.InstallIn);
        await using var other = await DispatcherBesideAsync(api);
        var suppressions = api.Services.GetRequiredService<Suppressions>();
        await suppressions.AddAsync(Address, "spam report", null, api.Time.GetUtcNow(), UnsubscribeScope.Everything, SuppressionSource.SpamReport);

        // The removal's delete goes in a batch: just before it, the customer clicks an unsubscribe link elsewhere.
        interleave.Arm((method, path, _) => method == "POST" && path.EndsWith("$batch", StringComparison.Ordinal), _ =>
            other.Services.GetRequiredService<Suppressions>().AddAsync(Address, "unsubscribe from marketing", null, other.Time.GetUtcNow(), UnsubscribeScope.Marketing, SuppressionSource.UnsubscribeLink));
        var (outcome, suppression) = await suppressions.RemoveAsync(Address, "removed by mistake", "alice");

        Assert.Equal(1, interleave.Made);
        Assert.Equal(SuppressionRemoval.SuppressedAgain, outcome);
        Assert.True(suppression!.Suppressed);
        Assert.Equal(UnsubscribeScope.Everything, await suppressions.ScopeOfAsync(Address));
        api.Time.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(UnsubscribeScope.Everything, (await suppressions.CurrentAsync(TimeSpan.Zero)).ScopeOf(Address));
        Assert.Equal(UnsubscribeScope.Everything, (await other.Services.GetRequiredService<Suppressions>().CurrentAsync(TimeSpan.Zero)).ScopeOf(Address));
    }

    [Fact]
    public async Task RemoveAsync_KeepsTheRemovalWithWhatItRemoved_InTheAddresssHistory()
    {
        await using var harness = await PipelineHarness.CreateAsync();
        var suppressions = harness.Services.GetRequiredService<Suppressions>();
        await suppressions.AddAsync(Address, "hard bounce", "202611230900aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", harness.Time.GetUtcNow(), UnsubscribeScope.Everything, SuppressionSource.HardBounce);
        harness.Time.Advance(TimeSpan.FromMinutes(1));

        await suppressions.RemoveAsync(Address, "the mailbox works again", "alice");
        var kept = await suppressions.GetAsync(Suppressions.Key(Address));

        Assert.NotNull(kept);
        Assert.False(kept.Suppressed);
        Assert.Null(kept.Scope);
        var removal = Assert.Single(kept.History!);
        Assert.Equal(SuppressionAction.Removed, removal.Action);
        Assert.Equal(("alice", "the mailbox works again"), (removal.By, removal.Reason));
        Assert.Equal((UnsubscribeScope.Everything, SuppressionSource.HardBounce), (removal.Scope!.Value, removal.Source!.Value));
        Assert.Equal("202611230900aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", removal.MessageId);
        Assert.Equal(harness.Time.GetUtcNow(), removal.At);
    }

    [Fact]
    public async Task AddByHandAsync_NarrowerThanWhatTheAddressStopped_NarrowsNothing()
    {
        await using var harness = await PipelineHarness.CreateAsync();
        var suppressions = harness.Services.GetRequiredService<Suppressions>();
        await suppressions.AddAsync(Address, "unsubscribe from everything", null, harness.Time.GetUtcNow(), UnsubscribeScope.Everything, SuppressionSource.UnsubscribeLink);

        var (created, suppression) = await suppressions.AddByHandAsync(Address, UnsubscribeScope.Marketing, "asked for no offers", "alice");

        Assert.False(created);
        Assert.Equal((UnsubscribeScope.Everything, SuppressionSource.UnsubscribeLink), (suppression.Scope!.Value, suppression.Source!.Value));
        Assert.Empty(suppression.History!);
    }

    [Fact]
    public async Task KeepAsHashAsync_AnAddressRemovedBefore_LeavesNothingThatNamesIt()
    {
        await using var harness = await PipelineHarness.CreateAsync();
        var suppressions = harness.Services.GetRequiredService<Suppressions>();
        await suppressions.AddByHandAsync(Address, UnsubscribeScope.Everything, "Kari asked by phone", "alice");
        harness.Time.Advance(TimeSpan.FromSeconds(1));
        await suppressions.RemoveAsync(Address, "Kari called again", "alice");

        Assert.False(await suppressions.KeepAsHashAsync(Address));

        var stored = new List<string>();
        await foreach (var row in harness.Tables.Suppressions.QueryAsync<TableEntity>())
        {
            stored.Add(row.PartitionKey + " " + row.RowKey + " " + string.Join(" ", row.Select(p => p.Value?.ToString())));
        }

        Assert.DoesNotContain(stored, text => text.Contains("kari", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task ListAsync_APrefix_FindsOnlyTheAddressesStartingWithIt_AndNeverTheLog()
    {
        await using var harness = await PipelineHarness.CreateAsync();
        var suppressions = harness.Services.GetRequiredService<Suppressions>();
        foreach (var address in new[] { "kari@example.com", "karl@example.com", "log@example.com", "per@example.com" })
        {
            await suppressions.AddAsync(address, "hard bounce", null, harness.Time.GetUtcNow(), UnsubscribeScope.Everything, SuppressionSource.HardBounce);
        }

        Assert.Equal(["kari@example.com", "karl@example.com"], (await suppressions.ListAsync("KAR", 50, null)).Items.Select(s => s.Address));
        Assert.Equal(["log@example.com"], (await suppressions.ListAsync("lo", 50, null)).Items.Select(s => s.Address));
        Assert.Equal(4, (await suppressions.ListAsync(string.Empty, 50, null)).Items.Count);
    }
}
