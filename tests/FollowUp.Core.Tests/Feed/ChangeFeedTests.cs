using FollowUp.Events;
using FollowUp.Links;
using FollowUp.Messages;
using FollowUp.Feed;
using FollowUp.Reports;
using FollowUp.Responses;
using FollowUp.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace FollowUp.Core.Tests.Feed;

/// <summary>Report counters kept as messages change: each change counted once, however often or by how many it is counted.</summary>
public class ChangeFeedTests
{
    private static readonly DateOnly Monday = DateOnly.FromDateTime(PipelineHarness.Start.UtcDateTime);

    [Fact]
    public async Task CountChanges_ALostSaleSurveyThroughItsLife_IsCountedOncePerStageOnTheDayItHappened()
    {
        await using var harness = await PipelineHarness.CreateAsync();
        var id = (await harness.IngestAsync(TestEvents.Deal(EventTypes.DealLost, "D-1"))).Scheduled.Single().MessageId!;
        await Pump(harness).RunAsync();
        await harness.AdvanceAndDispatchAsync(TimeSpan.FromDays(2));
        await Responses(harness).AnswerAsync(new LinkToken(LinkKind.Answer, id, "service"));
        await Pump(harness).RunAsync();
        await Pump(harness).RunAsync();

        var report = await ReportAsync(harness);

        var survey = report.Rules.Single(r => r.RuleId == "lost-sale-survey");
        Assert.Equal("lostSale", survey.Phase);
        Assert.Equal((1, 1, 1, 0), (survey.Totals.Counts["scheduled"], survey.Totals.Counts["sent"], survey.Totals.Counts["answered"], survey.Totals.Counts["cancelled"]));
        Assert.Equal(new Dictionary<string, long> { ["service"] = 1 }, survey.Totals.Answers);
        Assert.Equal(1.0, survey.Totals.Rates["answered"]);
        Assert.Equal([(Monday, 1L, 0L), (Monday.AddDays(2), 0L, 1L)], survey.Series.Select(p => (p.Start, p.Counts["scheduled"], p.Counts["sent"])));
        Assert.Equal(report.Totals.Counts["scheduled"], report.Phases.Sum(p => p.Totals.Counts["scheduled"]));
    }

    [Fact]
    public async Task CountChanges_AnAnswerChanged_MovesFromTheOldAnswerToTheNewOne()
    {
        await using var harness = await PipelineHarness.CreateAsync();
        var id = (await harness.IngestAsync(TestEvents.Deal(EventTypes.DealLost, "D-1"))).Scheduled.Single().MessageId!;
        await harness.AdvanceAndDispatchAsync(TimeSpan.FromDays(2));
        await Responses(harness).AnswerAsync(new LinkToken(LinkKind.Answer, id, "price"));
        await Pump(harness).RunAsync();
        await harness.Life.AnswerAsync(id, "service");
        await Pump(harness).RunAsync();

        var survey = (await ReportAsync(harness)).Rules.Single(r => r.RuleId == "lost-sale-survey");

        Assert.Equal(new Dictionary<string, long> { ["service"] = 1 }, survey.Totals.Answers);
        Assert.Equal(1, survey.Totals.Counts["answered"]);
    }

    [Fact]
    public async Task CountChanges_ACountCutShortAfterTheCountersChanged_IsFinishedWithoutCountingTwice()
    {
        await using var harness = await PipelineHarness.CreateAsync();
        await harness.IngestAsync(TestEvents.Deal(EventTypes.DealLost, "D-1"));

        // A pass that noted its count and changed the counters, then died before it recorded the count as made.
        var partition = (await harness.Life.ChangedPartitionsAsync(10)).Single(p => p.Partition != null);
        var row = (await harness.Life.ChangedInAsync(partition.Partition, 10)).Single();
        row.Counting = ReportFacts.Write(ReportFacts.Of(row, ReportFacts.Read(row.Counted)));
        row.CountingVersion = 1;
        var begun = Assert.Single(await harness.Life.BeginCountAsync([row]));
        var counters = harness.Services.GetRequiredService<ReportCounters>();
        await counters.ApplyAsync(row.RowKey, 1, [.. ReportFacts.Delta(row.RuleId, "lostSale", ReportFacts.Read(null), ReportFacts.Read(begun.Counting))]);

        await Pump(harness).RunAsync();
        await Pump(harness).RunAsync();

        Assert.Equal(1, (await ReportAsync(harness)).Totals.Counts["scheduled"]);
        var message = await harness.MessageAsync(row.RowKey);
        Assert.Equal((1, string.Empty, false), (message.CountedVersion, message.Counting, message.Feed));
    }

    [Fact]
    public async Task CountChanges_OneOfManyCountsMadeBeforeACrash_CountsTheOthersOnceAndThatOneNotAgain()
    {
        await using var harness = await PipelineHarness.CreateAsync();
        for (var i = 0; i < 12; i++)
        {
            await harness.IngestAsync(TestEvents.Deal(EventTypes.DealLost, $"D-{i}", customerId: $"c-{i}", email: $"p{i}@example.com"));
        }

        // The counts of a partition go together in one transaction with a marker each; one marker is there already.
        var changed = new List<MessageEntity>();
        foreach (var partition in await harness.Life.ChangedPartitionsAsync(10))
        {
            changed.AddRange(await harness.Life.ChangedInAsync(partition.Partition, 10));
        }

        Assert.Equal(12, changed.Count);
        var row = changed.GroupBy(m => m.PartitionKey).First(p => p.Count() >= 2).Last();
        row.Counting = ReportFacts.Write(ReportFacts.Of(row, ReportFacts.Read(row.Counted)));
        row.CountingVersion = 1;
        var begun = Assert.Single(await harness.Life.BeginCountAsync([row]));
        await harness.Services.GetRequiredService<ReportCounters>().ApplyAsync(row.RowKey, 1, [.. ReportFacts.Delta(row.RuleId, "lostSale", ReportFacts.Read(null), ReportFacts.Read(begun.Counting))]);

        await Pump(harness).RunAsync();

        Assert.Equal(12, (await ReportAsync(harness)).Totals.Counts["scheduled"]);
    }

    [Fact]
    public async Task CountChanges_TwoInstancesCountingTheSameChangesAtOnce_CountEachOnce()
    {
        await using var first = await PipelineHarness.CreateAsync();
        await using var second = await PipelineHarness.CreateAsync(s => s["FollowUp:Storage:TablePrefix"] = first.Settings["FollowUp:Storage:TablePrefix"], seedDefaults: false);
        for (var i = 0; i < 30; i++)
        {
            await first.IngestAsync(TestEvents.Deal(EventTypes.DealLost, $"D-{i}", customerId: $"c-{i}", email: $"p{i}@example.com"));
        }

        await Task.WhenAll(Pump(first).RunAsync(), Pump(second).RunAsync(), Pump(first).RunAsync());
        await Pump(second).RunAsync();

        Assert.Equal(30, (await ReportAsync(first)).Totals.Counts["scheduled"]);
    }

    [Fact]
    public async Task CountChanges_NothingLeftToCountInAnOldQuietPartition_RetiresItFromTheList()
    {
        await using var harness = await PipelineHarness.CreateAsync();
        await harness.IngestAsync(TestEvents.Deal(EventTypes.DealLost, "D-1"));
        await Pump(harness).RunAsync();
        Assert.NotEmpty(await harness.Life.ChangedPartitionsAsync(10));

        harness.Time.Advance(TimeSpan.FromMinutes(6));
        await Pump(harness).RunAsync();

        Assert.Empty(await harness.Life.ChangedPartitionsAsync(10));
        Assert.Equal(1, (await ReportAsync(harness)).Totals.Counts["scheduled"]);
    }

    private static ChangeFeed Pump(PipelineHarness harness) => harness.Services.GetRequiredService<ChangeFeed>();

    private static CustomerResponses Responses(PipelineHarness harness) => harness.Services.GetRequiredService<CustomerResponses>();

    private static Task<ReportSummary> ReportAsync(PipelineHarness harness) =>
        harness.Services.GetRequiredService<ReportReader>().SummarizeAsync(new ReportQuery(Monday.AddDays(-1), Monday.AddDays(30), null, null, Weekly: false));
}
