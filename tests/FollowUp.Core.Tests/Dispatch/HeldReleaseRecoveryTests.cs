using FollowUp.Events;
using FollowUp.Messages;
using FollowUp.Rules;
using FollowUp.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace FollowUp.Core.Tests.Dispatch;

/// <summary>
/// A release that wrote the message back to scheduled but could not list its partition as due (storage failed, or the
/// process died in between) leaves its marker, and the sweep is to finish the release.
/// </summary>
public class HeldReleaseRecoveryTests
{
    [Fact]
    public async Task ReleaseFailsToListThePartition_TheSweepFinishesItAndTheMessageIsSent()
    {
        var faults = new StorageFaults();
        await using var harness = await PipelineHarness.CreateAsync(services: faults.InstallIn);
        var rules = harness.Services.GetRequiredService<RuleBook>();
        var id = (await harness.IngestAsync(TestEvents.Order(EventTypes.OrderPlaced, "R-1"))).Scheduled.Single().MessageId!;
        var rule = (await rules.GetAsync("thank-you"))!;
        await rules.SaveAsync(rule with { Enabled = false }, expectedVersion: null);
        Assert.Equal(1, (await harness.AdvanceAndDispatchAsync(TimeSpan.FromHours(1))).Held);

        // Nothing pending is left in the message's partition: a later pass takes it off the directory.
        await harness.AdvanceAndDispatchAsync(TimeSpan.FromMinutes(10));

        // Enabled again (as PUT /api/rules/thank-you does): the message is written back, the directory write fails.
        var (enabled, _) = await rules.SaveAsync(rule with { Enabled = true }, expectedVersion: null);
        faults.Fail("Schedule", "PUT", skip: 0, count: 1);
        await harness.Dispatcher.ReleaseHeldAsync(enabled);
        Assert.Equal(1, faults.Injected);

        // "Should this fail, the dispatcher's sweep does it within a minute."
        for (var pass = 0; pass < 5; pass++)
        {
            await harness.AdvanceAndDispatchAsync(TimeSpan.FromMinutes(2));
        }

        Assert.Equal(MessageStatus.Sent, (await harness.MessageAsync(id)).GetStatus());
    }
}
