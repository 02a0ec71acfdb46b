using Azure.Data.Tables;
using FollowUp.Events;
using FollowUp.Messages;
using FollowUp.Privacy;
using FollowUp.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace FollowUp.Core.Tests.Messages;

/// <summary>The index of recent events kept beside the events for replays: newest first, by type, at a bounded cost.</summary>
public class RecentEventsTests
{
    private static readonly DateTimeOffset LongAgo = DateTimeOffset.MinValue;

    private static async Task<PipelineHarness> TwentyEventsAsync(StorageFaults? storage = null)
    {
        var harness = await PipelineHarness.CreateAsync(services: storage is null ? null : storage.InstallIn);
        for (var n = 0; n < 20; n++)
        {
            var type = n % 2 == 0 ? EventTypes.OrderPlaced : EventTypes.OrderDelivered;
            await harness.IngestAsync(TestEvents.Order(type, $"R-{n}", customerId: $"rc-{n % 7}"));
            harness.Time.Advance(TimeSpan.FromMinutes(1));
        }

        return harness;
    }

    [Fact]
    public async Task RecentEventsAsync_OfAType_AreTheNewestOfItNewestFirst()
    {
        await using var harness = await TwentyEventsAsync();
        var customers = harness.Services.GetRequiredService<CustomerRecords>();

        var placed = await customers.RecentEventsAsync(EventTypes.OrderPlaced, 3, LongAgo);
        var any = await customers.RecentEventsAsync(null, 4, LongAgo);

        Assert.Equal(["order.placed/R-18", "order.placed/R-16", "order.placed/R-14"], placed.Select(Id));
        Assert.Equal(["order.delivered/R-19", "order.placed/R-18", "order.delivered/R-17", "order.placed/R-16"], any.Select(Id));
        Assert.All(placed.Zip(placed.Skip(1)), pair => Assert.True(pair.First.ReceivedAt > pair.Second.ReceivedAt));
    }

    [Fact]
    public async Task RecentEventsAsync_OneBatch_TheLastOfItFirst()
    {
        await using var harness = await PipelineHarness.CreateAsync();
        await harness.Ingestor.IngestBatchAsync([.. Enumerable.Range(0, 3).Select(n => PipelineHarness.Parse(TestEvents.Order(EventTypes.OrderPlaced, $"B-{n}", customerId: $"bc-{n}")))]);

        var recent = await harness.Services.GetRequiredService<CustomerRecords>().RecentEventsAsync(EventTypes.OrderPlaced, 3, LongAgo);

        Assert.Equal(["order.placed/B-2", "order.placed/B-1", "order.placed/B-0"], recent.Select(Id));
    }

    [Fact]
    public async Task RecentEventsAsync_Since_LeavesOlderOnesOut()
    {
        await using var harness = await TwentyEventsAsync();

        var recent = await harness.Services.GetRequiredService<CustomerRecords>().RecentEventsAsync(null, 50, harness.Time.GetUtcNow() - TimeSpan.FromMinutes(3));

        Assert.Equal(["order.delivered/R-19", "order.placed/R-18", "order.delivered/R-17"], recent.Select(Id));
    }

    [Fact]
    public async Task RecentEventsAsync_OfAType_CostsAQueryAPartitionAndAReadOfTheEvents()
    {
        var storage = new StorageFaults();
        await using var harness = await TwentyEventsAsync(storage);

        var before = storage.Requests;
        await harness.Services.GetRequiredService<CustomerRecords>().RecentEventsAsync(EventTypes.OrderPlaced, 5, LongAgo);

        // 16 key-range queries of the index, then the five events from the partitions they are in.
        Assert.InRange(storage.Requests - before, 16, 16 + 5);
    }

    [Fact]
    public async Task PruneAndErase_TakeTheIndexEntriesWithTheirEvents()
    {
        await using var harness = await TwentyEventsAsync();
        var customers = harness.Services.GetRequiredService<CustomerRecords>();

        await harness.Services.GetRequiredService<CustomerErasure>().EraseAsync("rc-0");
        Assert.DoesNotContain(await customers.RecentEventsAsync(null, 50, LongAgo), row => row.CustomerId == "rc-0");
        Assert.Equal(17, await IndexEntriesAsync(harness));

        await customers.PruneEventsAsync(harness.Time.GetUtcNow() - TimeSpan.FromMinutes(5));

        Assert.Equal(5, (await customers.RecentEventsAsync(null, 50, LongAgo)).Count);
        Assert.Equal(5, await IndexEntriesAsync(harness));
    }

    private static string Id(EventRow row) => System.Text.Json.Nodes.JsonNode.Parse(row.Event)!["id"]!.GetValue<string>();

    private static async Task<int> IndexEntriesAsync(PipelineHarness harness)
    {
        var n = 0;
        await foreach (var row in harness.Tables.Customers.QueryAsync<TableEntity>(select: ["RowKey"]))
        {
            n += row.RowKey.StartsWith('^') ? 1 : 0;
        }

        return n;
    }
}
