using System.Text.Json.Nodes;
using FollowUp.Events;
using FollowUp.Messages;
using FollowUp.Testing;

namespace FollowUp.Core.Tests.Dispatch;

/// <summary>Marketing consent is the customer's to withdraw: a marketing message not yet sent must not go out after a "no".</summary>
public class MarketingConsentDispatchTests
{
    [Fact]
    public async Task ConsentWithdrawnBeforeTheLoyaltyRewardIsDue_RewardIsNotSent()
    {
        await using var harness = await PipelineHarness.CreateAsync();
        string? reward = null;
        for (var n = 1; n <= 3; n++)
        {
            var placed = await harness.IngestAsync(WithConsent(TestEvents.Order(EventTypes.OrderPlaced, $"M-{n}", customerId: "c-m"), true));
            reward ??= placed.Scheduled.SingleOrDefault(s => s.RuleId == "loyalty-reward")?.MessageId;
        }

        Assert.NotNull(reward);

        // Half an hour later the customer says no to marketing (on the next event about them).
        harness.Time.Advance(TimeSpan.FromMinutes(30));
        await harness.IngestAsync(WithConsent(TestEvents.Order(EventTypes.OrderDelivered, "M-1", customerId: "c-m"), false));

        await harness.AdvanceAndDispatchAsync(TimeSpan.FromHours(2));

        var message = await harness.MessageAsync(reward);
        Assert.NotEqual(MessageStatus.Sent, message.GetStatus());
        Assert.Equal(3, harness.SendGrid.Received.Count);
    }

    private static JsonObject WithConsent(JsonObject cloudEvent, bool consent)
    {
        cloudEvent["data"]!["customer"]!["marketingConsent"] = consent;
        return cloudEvent;
    }
}
