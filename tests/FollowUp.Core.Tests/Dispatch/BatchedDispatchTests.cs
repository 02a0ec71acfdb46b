using Azure.Data.Tables;
using FollowUp.Dispatch;
using FollowUp.Events;
using FollowUp.Messages;
using FollowUp.Testing;
using Xunit.Abstractions;

namespace FollowUp.Core.Tests.Dispatch;

/// <summary>Dispatch in entity-group batches: what a pass costs in storage requests, and the hand-out through a queue.</summary>
public class BatchedDispatchTests(ITestOutputHelper output)
{
    [Fact]
    public async Task DispatchDueAsync_ManyDue_ClaimsAndRecordsThemInBatchesAtMostOneAndAHalfRequestsEach()
    {
        var storage = new StorageFaults();
        await using var harness = await PipelineHarness.CreateAsync(services: storage.InstallIn);
        var ids = await ScheduleAsync(harness, "due", 240);
        harness.Time.Advance(TimeSpan.FromHours(1));

        var before = storage.Requests;
        var summary = await harness.Dispatcher.DispatchDueAsync();
        var requests = storage.Requests - before;
        output.WriteLine($"{requests} storage requests for {summary.Sent} messages");

        Assert.Equal(240, summary.Sent);
        Assert.Equal(ids.Order(StringComparer.Ordinal), harness.SendGrid.Accepted.Select(m => m.MessageId!).Order(StringComparer.Ordinal));
        Assert.InRange(requests, 1, 240 * 3 / 2);
        Assert.All(ids, id => Assert.Equal(MessageStatus.Sent, harness.MessageAsync(id).Result.GetStatus()));
    }

    [Fact]
    public async Task DispatchDueAsync_StorageRequests_AreTheSameWithHundredsWaitingForLater()
    {
        var quiet = await RequestsForTwentyDueAsync(waiting: 0);
        var busy = await RequestsForTwentyDueAsync(waiting: 300);

        // Reads are what could grow with what waits; how many outcomes share a write depends on timing.
        output.WriteLine($"nothing waiting: {quiet}; 300 waiting: {busy}");
        Assert.Equal(quiet.Reads, busy.Reads);
        Assert.InRange(busy.All, 1, 40);
    }

    [Fact]
    public async Task PlanAsync_HandsOutDueWorkOnceWithinTheLeaseAndAgainAfterIt()
    {
        await using var harness = await PipelineHarness.CreateAsync();
        var ids = await ScheduleAsync(harness, "plan", 30);
        harness.Time.Advance(TimeSpan.FromHours(1));

        var first = await harness.Dispatcher.PlanAsync();
        var again = await harness.Dispatcher.PlanAsync();
        harness.Time.Advance(new DispatchOptions().HandOutLease + TimeSpan.FromSeconds(1));
        var afterLease = await harness.Dispatcher.PlanAsync();

        Assert.Equal(ids.Order(StringComparer.Ordinal), first.SelectMany(b => b.Ids).Order(StringComparer.Ordinal));
        Assert.All(first, batch => Assert.All(batch.Ids, id => Assert.Equal(batch.Partition, MessageIds.PartitionOf(id))));
        Assert.Empty(again);
        Assert.Equal(30, afterLease.Sum(b => b.Ids.Count));
        Assert.Empty(harness.SendGrid.Received);
    }

    [Fact]
    public async Task DispatchBatchAsync_EachBatchOnceEvenWhenHandedOutTwice_SendsEveryMessageOnce()
    {
        await using var harness = await PipelineHarness.CreateAsync();
        var ids = await ScheduleAsync(harness, "batch", 40);
        harness.Time.Advance(TimeSpan.FromHours(1));
        var batches = await harness.Dispatcher.PlanAsync();

        // A batch delivered twice (queues deliver at least once) and one that round-trips through its JSON.
        var summaries = new List<DispatchSummary>();
        foreach (var batch in batches)
        {
            summaries.Add(await harness.Dispatcher.DispatchBatchAsync(DispatchBatch.Parse(batch.ToJson())!));
        }

        summaries.Add(await harness.Dispatcher.DispatchBatchAsync(batches[0]));

        Assert.Equal(40, summaries.Sum(s => s.Sent));
        Assert.Equal(batches[0].Ids.Count, summaries[^1].Stale);
        Assert.Equal(ids.Order(StringComparer.Ordinal), harness.SendGrid.Accepted.Select(m => m.MessageId!).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("")]
    [InlineData("not json")]
    [InlineData("{\"partition\":\"202611231405a\",\"ids\":[]}")]
    [InlineData("{\"partition\":\"202611231405a\",\"ids\":[\"202611231405b0123456789abcdef0123456789abcde\"]}")]
    [InlineData("{\"partition\":\"202611231405a\",\"ids\":[\"../etc\"]}")]
    public void Parse_NotABatch_IsNull(string text) => Assert.Null(DispatchBatch.Parse(text));

    [Fact]
    public async Task DispatchDueAsync_PartitionsLongDone_LeaveTheDirectory()
    {
        await using var harness = await PipelineHarness.CreateAsync();
        await ScheduleAsync(harness, "done", 5);
        await harness.AdvanceAndDispatchAsync(TimeSpan.FromHours(1));
        Assert.NotEmpty(await DirectoryAsync(harness));

        await harness.AdvanceAndDispatchAsync(TimeSpan.FromMinutes(10));

        Assert.Empty(await DirectoryAsync(harness));
        Assert.Null(await harness.Dispatcher.NextDueAsync());
    }

    [Fact]
    public async Task IngestAsync_ReplayAfterAStopBetweenIndexAndRow_HoursLater_IsStillSent()
    {
        await using var harness = await PipelineHarness.CreateAsync();
        var placed = TestEvents.Order(EventTypes.OrderPlaced, "A-1");
        var id = (await harness.IngestAsync(placed)).Scheduled.Single().MessageId!;

        // As if the first attempt had stopped after indexing the message: no row, no directory entry, no marker.
        await harness.Tables.Messages.DeleteEntityAsync(MessageIds.PartitionOf(id), id);
        foreach (var row in await DirectoryAsync(harness))
        {
            await harness.Tables.Schedule.DeleteEntityAsync(row.PartitionKey, row.RowKey);
        }

        await foreach (var marker in harness.Tables.Events.QueryAsync<TableEntity>())
        {
            await harness.Tables.Events.DeleteEntityAsync(marker.PartitionKey, marker.RowKey);
        }

        await harness.AdvanceAndDispatchAsync(TimeSpan.FromHours(3));
        var replay = await harness.IngestAsync(placed);
        var summary = await harness.AdvanceAndDispatchAsync(TimeSpan.FromHours(1));

        Assert.Equal(id, replay.Scheduled.Single().MessageId);
        Assert.Equal(1, summary.Sent);
        Assert.Equal(id, Assert.Single(harness.SendGrid.Accepted).MessageId);
    }

    private static async Task<(int All, int Reads)> RequestsForTwentyDueAsync(int waiting)
    {
        var storage = new StorageFaults();
        await using var harness = await PipelineHarness.CreateAsync(services: storage.InstallIn);

        // Those waiting fall due in an hour; the twenty happened two hours ago and are due now.
        await ScheduleAsync(harness, "later", waiting);
        var happened = harness.Time.GetUtcNow() - TimeSpan.FromHours(2);
        for (var n = 0; n < 20; n++)
        {
            await harness.IngestAsync(TestEvents.Order(EventTypes.OrderPlaced, $"now-{n}", customerId: $"now-{n}", time: happened));
        }

        var (before, readsBefore) = (storage.Requests, storage.Reads);
        var summary = await harness.Dispatcher.DispatchDueAsync();
        Assert.Equal(20, summary.Sent);
        return (storage.Requests - before, storage.Reads - readsBefore);
    }

    private static async Task<List<string>> ScheduleAsync(PipelineHarness harness, string prefix, int count)
    {
        var ids = new List<string>();
        for (var n = 0; n < count; n++)
        {
            ids.Add((await harness.IngestAsync(TestEvents.Order(EventTypes.OrderPlaced, $"{prefix}-{n}", customerId: $"{prefix}-{n}"))).Scheduled.Single().MessageId!);
        }

        return ids;
    }

    private static async Task<List<TableEntity>> DirectoryAsync(PipelineHarness harness)
    {
        var rows = new List<TableEntity>();
        await foreach (var row in harness.Tables.Schedule.QueryAsync<TableEntity>())
        {
            rows.Add(row);
        }

        return rows;
    }
}
