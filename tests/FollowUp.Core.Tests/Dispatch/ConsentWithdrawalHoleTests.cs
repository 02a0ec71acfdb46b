using System.Text.Json.Nodes;
using FollowUp.Events;
using FollowUp.Messages;
using FollowUp.Testing;

namespace FollowUp.Core.Tests.Dispatch;

/// <summary>
/// A "no" to marketing must stop what was scheduled with a yes, also when it arrives in the same batch as the
/// message, or is taken again after a failure part-way. The dispatcher never looks at consent, so what ingest
/// misses is sent.
/// </summary>
public class ConsentWithdrawalHoleTests
{
    private static JsonObject WithConsent(JsonObject cloudEvent, bool consent)
    {
        cloudEvent["data"]!["customer"]!["marketingConsent"] = consent;
        return cloudEvent;
    }

    private static JsonObject Placed(int n) => WithConsent(TestEvents.Order(EventTypes.OrderPlaced, $"M-{n}", customerId: "c-m"), true);

    [Fact]
    public async Task NoInTheSameBatchAsTheOrderThatEarnsTheReward_RewardIsNotSent()
    {
        await using var harness = await PipelineHarness.CreateAsync();
        await harness.IngestAsync(Placed(1));
        await harness.IngestAsync(Placed(2));

        var outcomes = await harness.Ingestor.IngestBatchAsync(
        [
            PipelineHarness.Parse(Placed(3)),
            PipelineHarness.Parse(WithConsent(TestEvents.Order(EventTypes.OrderDelivered, "M-1", customerId: "c-m"), false)),
        ]);
        var reward = outcomes[0].Result!.Scheduled.Single(s => s.RuleId == "loyalty-reward").MessageId!;

        await harness.AdvanceAndDispatchAsync(TimeSpan.FromDays(2));

        Assert.NotEqual(MessageStatus.Sent, (await harness.MessageAsync(reward)).GetStatus());
    }

    [Fact]
    public async Task NoTakenAgainAfterAFailurePartWay_RewardIsNotSent()
    {
        var faults = new StorageFaults();
        await using var harness = await PipelineHarness.CreateAsync(services: faults.InstallIn);
        string? reward = null;
        for (var n = 1; n <= 3; n++)
        {
            reward ??= (await harness.IngestAsync(Placed(n))).Scheduled.SingleOrDefault(s => s.RuleId == "loyalty-reward")?.MessageId;
        }

        Assert.NotNull(reward);
        harness.Time.Advance(TimeSpan.FromMinutes(30));

        // The "no" is written to the profile; reading the messages to cancel fails. The sender retries the event, but
        // the profile already says no, so the retry does not see a withdrawal and cancels nothing.
        var no = WithConsent(TestEvents.Order(EventTypes.OrderDelivered, "M-1", customerId: "c-m"), false);
        faults.Fail("Messages", "GET", skip: 0, count: 1);
        await Assert.ThrowsAnyAsync<Azure.RequestFailedException>(() => harness.IngestAsync(no));
        await harness.IngestAsync(no);

        await harness.AdvanceAndDispatchAsync(TimeSpan.FromDays(2));

        Assert.NotEqual(MessageStatus.Sent, (await harness.MessageAsync(reward)).GetStatus());
    }
}
