using Azure;
using FollowUp.Events;
using FollowUp.Testing;

namespace FollowUp.Core.Tests.Ingest;

/// <summary>A request that failed part-way is completed by the sender's retry, as if it had not failed.</summary>
public class RetryTests
{
    [Fact]
    public async Task IngestAsync_ThirdOrderFailsPartWayAndIsRetriedAfterAFourth_StillGetsTheThirdOrderReward()
    {
        var faults = new StorageFaults();
        await using var harness = await PipelineHarness.CreateAsync(services: faults.InstallIn);
        await harness.IngestAsync(TestEvents.Order(EventTypes.OrderPlaced, "O-1"));
        await harness.IngestAsync(TestEvents.Order(EventTypes.OrderPlaced, "O-2"));

        // The third order is counted, then its idempotency marker cannot be written: the sender gets a 5xx.
        faults.Fail("Events", "POST", skip: 0, count: 1);
        await Assert.ThrowsAsync<RequestFailedException>(() => harness.IngestAsync(TestEvents.Order(EventTypes.OrderPlaced, "O-3")));
        await harness.IngestAsync(TestEvents.Order(EventTypes.OrderPlaced, "O-4"));
        var retried = await harness.IngestAsync(TestEvents.Order(EventTypes.OrderPlaced, "O-3"));

        Assert.Equal(1, faults.Injected);
        Assert.Contains(retried.Scheduled, s => s.RuleId == "loyalty-reward");
    }
}
