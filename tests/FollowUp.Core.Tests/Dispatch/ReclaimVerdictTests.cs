using FollowUp.Dispatch;
using FollowUp.Events;
using FollowUp.Messages;
using FollowUp.Rules;
using FollowUp.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace FollowUp.Core.Tests.Dispatch;

/// <summary>
/// A claim that expired unfinished is an attempt whose outcome is unknown (the mail may be out). With every attempt used,
/// the message must fail as "outcome unknown" and never go out again — whatever the dispatcher's verdict on the rule's
/// window or state at the reclaim.
/// </summary>
public class ReclaimVerdictTests
{
    private static readonly TimeSpan ClaimFor = new DispatchOptions().ClaimDuration;

    [Fact]
    public async Task ClaimsExpireAcrossTheWindowsEnd_AttemptsUsedUp_FailsAsOutcomeUnknownInsteadOfDeferringAndSendingAgain()
    {
        await using var harness = await PipelineHarness.CreateAsync(settings => settings["FollowUp:Dispatch:MaxAttempts"] = "2");
        var id = (await harness.IngestAsync(TestEvents.Order(EventTypes.OrderPlaced, "W-1"))).Scheduled.Single().MessageId!;

        // 21:50 Oslo: inside the thank-you's window (07:00–22:00). Two dispatchers in turn claim and die mid-send.
        harness.Time.Advance(TimeSpan.FromHours(12) + TimeSpan.FromMinutes(50));
        for (var attempt = 1; attempt <= 2; attempt++)
        {
            Assert.Equal(ClaimOutcome.Claimed, (await harness.Life.ClaimAsync(await harness.DueMessageAsync(), ClaimFor, maxAttempts: 2)).Outcome);
            harness.Time.Advance(ClaimFor);
        }

        // 22:00 Oslo: the window has closed; the last claim has run out.
        await harness.Dispatcher.DispatchDueAsync();
        await harness.AdvanceAndDispatchAsync(TimeSpan.FromHours(10));

        Assert.Empty(harness.SendGrid.Received);
        var message = await harness.MessageAsync(id);
        Assert.Equal(MessageStatus.Failed, message.GetStatus());
        Assert.StartsWith("outcome unknown", message.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ClaimExpiresWhileTheRuleIsDisabled_AttemptsUsedUp_FailsAsOutcomeUnknownInsteadOfHoldingAndSendingOnRelease()
    {
        await using var harness = await PipelineHarness.CreateAsync(settings => settings["FollowUp:Dispatch:MaxAttempts"] = "1");
        var rules = harness.Services.GetRequiredService<RuleBook>();
        var id = (await harness.IngestAsync(TestEvents.Order(EventTypes.OrderPlaced, "W-2"))).Scheduled.Single().MessageId!;
        harness.Time.Advance(TimeSpan.FromHours(1));
        Assert.Equal(ClaimOutcome.Claimed, (await harness.Life.ClaimAsync(await harness.DueMessageAsync(), ClaimFor, maxAttempts: 1)).Outcome);

        // The dispatcher dies mid-send; the rule is disabled meanwhile, then enabled again.
        var rule = (await rules.GetAsync("thank-you"))!;
        await rules.SaveAsync(rule with { Enabled = false }, expectedVersion: null);
        await harness.AdvanceAndDispatchAsync(ClaimFor + TimeSpan.FromMinutes(1));
        var (enabled, _) = await rules.SaveAsync(rule with { Enabled = true }, expectedVersion: null);
        await harness.Dispatcher.ReleaseHeldAsync(enabled);
        await harness.AdvanceAndDispatchAsync(TimeSpan.FromMinutes(2));

        Assert.Empty(harness.SendGrid.Received);
        var message = await harness.MessageAsync(id);
        Assert.Equal(MessageStatus.Failed, message.GetStatus());
        Assert.StartsWith("outcome unknown", message.Reason, StringComparison.Ordinal);
    }
}
