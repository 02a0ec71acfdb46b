using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using FollowUp.Events;
using FollowUp.Messages;
using FollowUp.Feed;
using FollowUp.Reports;
using FollowUp.Storage;
using FollowUp.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace FollowUp.Core.Tests.Feed;

/// <summary>Hostile review of the report counters: ways a change is counted never, or more than once.</summary>
public class ChangeFeedReviewTests
{
    private static readonly DateOnly Monday = DateOnly.FromDateTime(PipelineHarness.Start.UtcDateTime);

    [Fact]
    public async Task CountChanges_AMessageSentAfterACountWasCutShort_CountsTheSend()
    {
        await using var harness = await PipelineHarness.CreateAsync();
        var id = (await harness.IngestAsync(TestEvents.Deal(EventTypes.DealLost, "D-1"))).Scheduled.Single().MessageId!;

        // A pass noted its count (the message scheduled) and changed the counters, then died before it finished.
        await BeginAndApplyAsync(harness, id, finish: false);

        // Before the next pass, the message goes out: that change is marked on the row (Feed) along with the unfinished count.
        Assert.Equal(1, (await harness.AdvanceAndDispatchAsync(TimeSpan.FromDays(2))).Sent);
        await Pump(harness).RunAsync();
        await Pump(harness).RunAsync();

        var report = await ReportAsync(harness);
        Assert.Equal((1L, 1L), (report.Totals.Counts["scheduled"], report.Totals.Counts["sent"]));
    }

    [Fact]
    public async Task CountChanges_AnAnswerArrivingWhileAnotherPassHasACountBegun_IsCounted()
    {
        await using var harness = await PipelineHarness.CreateAsync();
        var id = (await harness.IngestAsync(TestEvents.Deal(EventTypes.DealLost, "D-1"))).Scheduled.Single().MessageId!;
        await harness.AdvanceAndDispatchAsync(TimeSpan.FromDays(2));

        // Pass A (another instance) has noted its count of the send, and is about to change the counters: no crash.
        var begun = await BeginAsync(harness, id);
        await harness.Life.AnswerAsync(id, "service");

        // Pass B meets the count begun, finishes it, and with it the answer's mark.
        await Pump(harness).RunAsync();

        // Pass A goes on as it would.
        await harness.Services.GetRequiredService<ReportCounters>().ApplyAsync(begun.RowKey, begun.CountingVersion, [.. ReportFacts.Delta(begun.RuleId, "lostSale", ReportFacts.Read(begun.Counted), ReportFacts.Read(begun.Counting))]);
        await harness.Life.FinishCountAsync([begun]);
        await Pump(harness).RunAsync();
        await Pump(harness).RunAsync();

        var survey = (await ReportAsync(harness)).Rules.Single(r => r.RuleId == "lost-sale-survey");
        Assert.Equal(1, survey.Totals.Counts["answered"]);
        Assert.Equal(new Dictionary<string, long> { ["service"] = 1 }, survey.Totals.Answers);
    }

    [Fact]
    public async Task CountChanges_CounterRowBusyWithOtherPassesFiveTimesRunning_NeitherLosesTheCountNorRecordsItAsMade()
    {
        var conflicts = new CounterConflicts();
        await using var harness = await PipelineHarness.CreateAsync(services: conflicts.InstallIn);
        conflicts.Use(harness);
        await harness.IngestAsync(TestEvents.Deal(EventTypes.DealLost, "D-1"));

        // Other passes (other instances) add to the same day's counter row between each read and write of this one.
        conflicts.Arm(ReportCounters.PartitionOf(Monday), ReportCounters.RowOf(Monday, "lost-sale-survey", "lostSale"), times: 5);
        try
        {
            await Pump(harness).RunAsync();
        }
        catch (Exception ex) when (ex is RequestFailedException or TableTransactionFailedException or InvalidOperationException)
        {
            // Giving up loudly is fine: the count stays begun and the next pass finishes it.
        }

        await Pump(harness).RunAsync();
        await Pump(harness).RunAsync();

        Assert.Equal(5, conflicts.Made);
        Assert.Equal(1, (await ReportAsync(harness)).Totals.Counts["scheduled"]);
    }

    [Fact]
    public async Task ApplyAsync_MoreDistinctAnswersInADayThanATableEntityHoldsProperties_CountsThemAll()
    {
        await using var harness = await PipelineHarness.CreateAsync();
        var counters = harness.Services.GetRequiredService<ReportCounters>();

        // A template may offer answers from its model ({{ answer_url line.sku }}): a busy rule sees hundreds in a day.
        // Table Storage allows 255 properties per entity (252 besides PartitionKey, RowKey and Timestamp).
        var counts = Enumerable.Range(0, 300)
            .Select(i => new MessageCount($"m{i:D4}", 1, [.. ReportFacts.Delta("thank-you", "firstPurchase", ReportFacts.Read(null), new Dictionary<string, string> { [ReportFacts.AnswerFact] = $"{Monday:yyyyMMdd}|SKU-{i:D4}" })]))
            .ToList();

        var thrown = await Record.ExceptionAsync(() => counters.ApplyAsync(counts));

        Assert.Null(thrown);
        var rows = new List<TableEntity>();
        await foreach (var row in harness.Tables.Reports.QueryAsync<TableEntity>())
        {
            rows.Add(row);
        }

        Assert.All(rows, row => Assert.True(row.Count <= 255, $"{row.RowKey} has {row.Count} properties"));
        var report = await ReportAsync(harness);
        Assert.Equal(300, report.Totals.Answers.Count);
    }

    [Fact]
    public async Task CountChanges_OpenedReportedBeforeDelivered_CountsTheMessageDelivered()
    {
        await using var harness = await PipelineHarness.CreateAsync();
        var id = (await harness.IngestAsync(TestEvents.Deal(EventTypes.DealLost, "D-1"))).Scheduled.Single().MessageId!;
        await harness.AdvanceAndDispatchAsync(TimeSpan.FromDays(2));

        // The provider does not promise the order of its events: here "open" is posted before "delivered".
        var now = harness.Time.GetUtcNow();
        Assert.Equal(DeliveryOutcome.Recorded, await harness.Life.RecordDeliveryAsync(id, "sg-open", MessageStatus.Opened, "opened", now));
        Assert.Equal(DeliveryOutcome.Recorded, await harness.Life.RecordDeliveryAsync(id, "sg-delivered", MessageStatus.Delivered, "delivered to the recipient's mail server", now.AddSeconds(-30)));
        await Pump(harness).RunAsync();

        var counts = (await ReportAsync(harness)).Totals.Counts;
        Assert.Equal((1L, 1L, 1L), (counts["sent"], counts["delivered"], counts["opened"]));
    }

    [Fact]
    public async Task PruneMarkersAsync_MarkersOfACountToAnOlderMonth_AreDeletedOnceOld()
    {
        await using var harness = await PipelineHarness.CreateAsync();
        var counters = harness.Services.GetRequiredService<ReportCounters>();

        // A customer changes the answer to a survey answered in August: the count goes to August's counters.
        var august = new DateOnly(2026, 8, 14);
        await counters.ApplyAsync("m-august", 2, [new CounterDelta(august, "lost-sale-survey", "lostSale", ReportCounterNames.Answer("price"), -1), new CounterDelta(august, "lost-sale-survey", "lostSale", ReportCounterNames.Answer("service"), +1)]);
        harness.Time.Advance(ReportCounters.MarkerLife + TimeSpan.FromDays(1));

        await counters.PruneMarkersAsync();

        var markers = new List<TableEntity>();
        await foreach (var row in harness.Tables.Reports.QueryAsync<TableEntity>(r => r.RowKey.CompareTo("~") >= 0))
        {
            markers.Add(row);
        }

        Assert.Empty(markers);
    }

    [Fact]
    public async Task Report_MessagesBornCancelled_KeepTheCancelledRateAShareOfScheduled()
    {
        await using var harness = await PipelineHarness.CreateAsync();
        await harness.IngestAsync(TestEvents.Deal(EventTypes.DealLost, "D-1", customerId: "c-1", email: "p1@example.com"));

        // Two deals won and then reported lost (the events crossed): their surveys are written cancelled, never scheduled.
        for (var i = 2; i <= 3; i++)
        {
            await harness.IngestAsync(TestEvents.Deal(EventTypes.DealWon, $"D-{i}", customerId: $"c-{i}", email: $"p{i}@example.com", time: PipelineHarness.Start.AddMinutes(-10)));
            var lost = await harness.IngestAsync(TestEvents.Deal(EventTypes.DealLost, $"D-{i}", customerId: $"c-{i}", email: $"p{i}@example.com", time: PipelineHarness.Start.AddMinutes(-20)));
            Assert.Equal(MessageStatus.Cancelled, (await harness.MessageAsync(lost.Scheduled.Single().MessageId!)).GetStatus());
        }

        await Pump(harness).RunAsync();

        // Every message a rule made counts as scheduled, the two made cancelled too: the funnel starts with all three.
        var totals = (await ReportAsync(harness)).Totals;
        Assert.Equal((3L, 2L), (totals.Counts["scheduled"], totals.Counts["cancelled"]));
        Assert.InRange(totals.Rates["cancelled"]!.Value, 0.0, 1.0);
    }

    [Fact]
    public async Task Report_CsatAverageExactlyHalfwayBetweenTwoHundredths_RoundsHalfUp()
    {
        await using var harness = await PipelineHarness.CreateAsync();
        var counters = harness.Services.GetRequiredService<ReportCounters>();
        int[] stars = [5, 5, 5, 4, 4, 4, 3, 3];
        for (var i = 0; i < stars.Length; i++)
        {
            var answer = ReportFacts.Write(new Dictionary<string, string> { [ReportFacts.AnswerFact] = $"{Monday:yyyyMMdd}|csat:{stars[i]}" });
            await counters.ApplyAsync($"m{i}", 1, [.. ReportFacts.Delta("review-request", "afterDelivery", ReportFacts.Read(null), ReportFacts.Read(answer))]);
        }

        var csat = (await ReportAsync(harness)).Totals.Csat!;

        // 33 stars from 8 answers: 4.125, which a spreadsheet (and anyone checking by hand) shows as 4.13.
        Assert.Equal(8, csat.Answers);
        Assert.Equal(4.13, csat.Average);
    }

    private static async Task<MessageEntity> BeginAsync(PipelineHarness harness, string id)
    {
        var row = (await harness.Life.ChangedInAsync(MessageIds.PartitionOf(id), 10)).Single(r => r.RowKey == id);
        row.Counting = ReportFacts.Write(ReportFacts.Of(row, ReportFacts.Read(row.Counted)));
        row.CountingVersion = row.CountedVersion + 1;
        return Assert.Single(await harness.Life.BeginCountAsync([row]));
    }

    private static async Task BeginAndApplyAsync(PipelineHarness harness, string id, bool finish)
    {
        var begun = await BeginAsync(harness, id);
        await harness.Services.GetRequiredService<ReportCounters>().ApplyAsync(begun.RowKey, begun.CountingVersion, [.. ReportFacts.Delta(begun.RuleId, "lostSale", ReportFacts.Read(begun.Counted), ReportFacts.Read(begun.Counting))]);
        if (finish)
        {
            await harness.Life.FinishCountAsync([begun]);
        }
    }

    private static ChangeFeed Pump(PipelineHarness harness) => harness.Services.GetRequiredService<ChangeFeed>();

    private static Task<ReportSummary> ReportAsync(PipelineHarness harness) =>
        harness.Services.GetRequiredService<ReportReader>().SummarizeAsync(new ReportQuery(Monday.AddDays(-1), Monday.AddDays(30), null, null, Weekly: false));

    /// <summary>
    /// Another pass's write to a counter row, made just before this pass's transaction to the Reports table is sent
    /// (after it read the row): what two pumps counting the same day's messages do to each other.
    /// </summary>
    private sealed class CounterConflicts : HttpPipelinePolicy
    {
        private TableClient? _other;
        private string _reports = string.Empty;
        private (string Partition, string Row)? _target;
        private int _left;
        private int _made;

        public int Made => Volatile.Read(ref _made);

        public void InstallIn(IServiceCollection services) =>
            services.Replace(ServiceDescriptor.Singleton(provider =>
            {
                var options = new TableClientOptions();
                options.AddPolicy(this, HttpPipelinePosition.PerCall);
                return new TableServiceClient(provider.GetRequiredService<IOptions<StorageOptions>>().Value.ConnectionString, options);
            }));

        public void Use(PipelineHarness harness)
        {
            var connection = harness.Services.GetRequiredService<IOptions<StorageOptions>>().Value.ConnectionString;
            _reports = harness.Tables.Reports.Name;
            _other = new TableServiceClient(connection).GetTableClient(_reports);
        }

        public void Arm(string partition, string row, int times)
        {
            _target = (partition, row);
            Volatile.Write(ref _left, times);
        }

        public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) =>
            ProcessAsync(message, pipeline).AsTask().GetAwaiter().GetResult();

        public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            if (_target is { } target && message.Request.Method == RequestMethod.Post && message.Request.Uri.Path.EndsWith("$batch", StringComparison.Ordinal)
                && message.Request.Content is { } content && await ToReportsAsync(content) && Interlocked.Decrement(ref _left) >= 0)
            {
                await _other!.UpsertEntityAsync(new TableEntity(target.Partition, target.Row) { ["OtherPass"] = (long)Interlocked.Increment(ref _made) }, TableUpdateMode.Merge);
            }

            await ProcessNextAsync(message, pipeline);
        }

        private async Task<bool> ToReportsAsync(RequestContent content)
        {
            using var body = new MemoryStream();
            await content.WriteToAsync(body, CancellationToken.None);
            return System.Text.Encoding.UTF8.GetString(body.ToArray()).Contains("/" + _reports, StringComparison.Ordinal);
        }
    }
}
