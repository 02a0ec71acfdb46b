using System.Text.Json.Nodes;
using Azure.Data.Tables;
using FollowUp.Events;
using FollowUp.Messages;
using FollowUp.Testing;

namespace FollowUp.Core.Tests.Ingest;

public class BoundedStateTests
{
    [Fact]
    public async Task IngestAsync_ManyEventsEachAddingFieldsToOneOrder_KeepsTheSnapshotBoundedAndEveryEventWorking()
    {
        await using var harness = await PipelineHarness.CreateAsync();
        for (var n = 0; n < 12; n++)
        {
            var delivered = TestEvents.Order(EventTypes.OrderDelivered, "A-1", eventId: $"delivered-{n}");
            delivered["data"]!["order"]![$"note{n}"] = new string('x', 5_000);
            var result = await harness.IngestAsync(delivered);
            Assert.Equal(FollowUp.Ingest.IngestStatus.Accepted, result.Status);
        }

        var snapshot = await harness.Tables.Customers.GetEntityAsync<TableEntity>(CustomerRecords.HeadKey("c-1", SubjectKind.Order, "A-1").Partition, CustomerRecords.HeadKey("c-1", SubjectKind.Order, "A-1").Row);
        Assert.InRange(snapshot.Value.GetString("Snapshot").Length, 5_000, EventParser.MaxDataLength);
        Assert.NotNull(JsonNode.Parse(snapshot.Value.GetString("Snapshot"))!["note11"]);
    }

    [Fact]
    public async Task IngestAsync_DataFullOfNonAsciiLettersNearTheLimit_IsStoredWithItsMessage()
    {
        await using var harness = await PipelineHarness.CreateAsync();
        var placed = TestEvents.Order(EventTypes.OrderPlaced, "A-1");
        placed["data"]!["order"]!["note"] = new string('ø', 22_000);

        var result = await harness.IngestAsync(placed);
        var delivered = TestEvents.Order(EventTypes.OrderDelivered, "A-1");
        delivered["data"]!["order"]!["giftMessage"] = new string('å', 20_000);
        var review = await harness.IngestAsync(delivered);

        var thanks = MessageScheduler.ParseModel(await harness.MessageAsync(result.Scheduled.Single().MessageId!));
        Assert.Equal(22_000, thanks["order"]!["note"]!.GetValue<string>().Length);
        var reviewModel = MessageScheduler.ParseModel(await harness.MessageAsync(review.Scheduled.Single().MessageId!));
        Assert.Equal(20_000, reviewModel["order"]!["giftMessage"]!.GetValue<string>().Length);
    }

    [Fact]
    public async Task IngestAsync_LifetimeSpendNearTheLimit_StaysInRangeAndLaterOrdersStillWork()
    {
        await using var harness = await PipelineHarness.CreateAsync();

        for (var n = 0; n < 3; n++)
        {
            var result = await harness.IngestAsync(TestEvents.Order(EventTypes.OrderPlaced, $"A-{n}", total: EventParser.MaxAmount));
            Assert.Equal(FollowUp.Ingest.IngestStatus.Accepted, result.Status);
        }

        var profile = await harness.Tables.Customers.GetEntityAsync<FollowUp.Customers.CustomerEntity>(CustomerRecords.ProfileKey("c-1").Partition, CustomerRecords.ProfileKey("c-1").Row);
        Assert.Equal(3 * EventParser.MaxAmount, decimal.Parse(profile.Value.LifetimeSpend, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(1_000_000_000_000_000_000m, FollowUp.Customers.CustomerHistory.AddSpend("999999999999999999", 5m));
        Assert.Equal(5m, FollowUp.Customers.CustomerHistory.AddSpend("not a number", 5m));
    }
}
