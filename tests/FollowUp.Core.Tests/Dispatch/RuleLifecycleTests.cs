using FollowUp.Events;
using FollowUp.Messages;
using FollowUp.Rules;
using FollowUp.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace FollowUp.Core.Tests.Dispatch;

/// <summary>Disabling a rule holds what it scheduled, enabling releases it, deleting cancels it.</summary>
public class RuleLifecycleTests
{
    private static RuleBook Rules(PipelineHarness harness) => harness.Services.GetRequiredService<RuleBook>();

    private static async Task<(Rule Rule, string MessageId)> ScheduleAsync(PipelineHarness harness, Rule? rule = null)
    {
        var saved = (await Rules(harness).SaveAsync(rule ?? new Rule { Id = "note", Trigger = EventTypes.OrderPlaced, Delay = "PT1H", TemplateId = "thank-you", Category = MessageCategory.Service }, expectedVersion: null)).Rule;
        var id = (await harness.IngestAsync(TestEvents.Order(EventTypes.OrderPlaced, "A-1"))).Scheduled.Single(s => s.RuleId == saved.Id).MessageId!;
        return (saved, id);
    }

    private static async Task<Rule> SetEnabledAsync(PipelineHarness harness, Rule rule, bool enabled) =>
        (await Rules(harness).SaveAsync(rule with { Enabled = enabled }, expectedVersion: null)).Rule;

    [Fact]
    public async Task Disabled_MessageFallsDue_IsHeldNotSent()
    {
        await using var harness = await PipelineHarness.CreateAsync();
        var (rule, id) = await ScheduleAsync(harness);
        await SetEnabledAsync(harness, rule, false);

        var summary = await harness.AdvanceAndDispatchAsync(TimeSpan.FromHours(1));

        Assert.Equal(1, summary.Held);
        Assert.DoesNotContain(harness.SendGrid.Accepted, mail => mail.MessageId == id);
        var message = await harness.MessageAsync(id);
        Assert.Equal(MessageStatus.Held, message.GetStatus());
        Assert.Equal("rule note is disabled: held until it is enabled again", message.GetHistory()[^1].Detail);
        Assert.Equal(0, (await harness.AdvanceAndDispatchAsync(TimeSpan.FromDays(1))).Total);
    }

    [Fact]
    public async Task Enabled_AfterAHold_IsReleasedAndSent()
    {
        await using var harness = await PipelineHarness.CreateAsync();
        var (rule, id) = await ScheduleAsync(harness);
        rule = await SetEnabledAsync(harness, rule, false);
        await harness.AdvanceAndDispatchAsync(TimeSpan.FromHours(1));
        harness.Time.Advance(TimeSpan.FromHours(3));

        var (released, expired) = await harness.Dispatcher.ReleaseHeldAsync(await SetEnabledAsync(harness, rule, true));

        Assert.Equal((1, 0), (released, expired));
        Assert.Equal(1, (await harness.AdvanceAndDispatchAsync(TimeSpan.Zero)).Sent);
        Assert.Equal(
            [MessageEventKind.Scheduled, MessageEventKind.Held, MessageEventKind.Released, MessageEventKind.Claimed, MessageEventKind.Sent],
            (await harness.MessageAsync(id)).GetHistory().Select(e => e.Kind));
    }

    [Fact]
    public async Task Enabled_WithoutTheReleaseItsSaveShouldHaveDone_IsReleasedByTheNextPassesSweep()
    {
        await using var harness = await PipelineHarness.CreateAsync();
        var (rule, id) = await ScheduleAsync(harness);
        rule = await SetEnabledAsync(harness, rule, false);
        await harness.AdvanceAndDispatchAsync(TimeSpan.FromHours(1));
        await SetEnabledAsync(harness, rule, true);

        // The sweep runs at most once a minute, before the pass looks for what is due.
        Assert.Equal(0, (await harness.AdvanceAndDispatchAsync(TimeSpan.FromSeconds(30))).Sent);
        var summary = await harness.AdvanceAndDispatchAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(1, summary.Sent);
        Assert.Equal(MessageStatus.Sent, (await harness.MessageAsync(id)).GetStatus());
    }

    [Fact]
    public async Task Enabled_OutsideTheWindowAndPastExpiry_ReleasesIntoTheWindowOrCancelsAsExpired()
    {
        await using var harness = await PipelineHarness.CreateAsync();
        var window = new RuleSendWindow { Days = RuleSendWindow.DayNames, From = "09:00", To = "20:00" };
        var (rule, id) = await ScheduleAsync(harness, new Rule { Id = "windowed", Trigger = EventTypes.OrderPlaced, Delay = "PT1H", TemplateId = "thank-you", SendWindow = window, ExpiresAfter = "P1D" });
        rule = await SetEnabledAsync(harness, rule, false);
        await harness.AdvanceAndDispatchAsync(TimeSpan.FromHours(1)); // held at 10:00 Oslo
        harness.Time.Advance(TimeSpan.FromHours(12)); // 22:00 Oslo

        await harness.Dispatcher.ReleaseHeldAsync(await SetEnabledAsync(harness, rule, true));

        var message = await harness.MessageAsync(id);
        Assert.Equal(new DateTimeOffset(2026, 11, 24, 8, 0, 0, TimeSpan.Zero), message.DueAt);
        Assert.Equal("deferred to Tue 24 Nov 09:00 Europe/Oslo: outside the send window (every day 09:00–20:00)", message.GetHistory()[^1].Detail);

        // Held again, and enabled only after its day is up: cancelled as expired.
        await SetEnabledAsync(harness, await Rules(harness).GetAsync("windowed") ?? throw new InvalidOperationException(), false);
        await harness.AdvanceAndDispatchAsync(new DateTimeOffset(2026, 11, 24, 8, 0, 0, TimeSpan.Zero) - harness.Time.GetUtcNow());
        harness.Time.Advance(TimeSpan.FromDays(1));
        Assert.Equal((0, 1), await harness.Dispatcher.ReleaseHeldAsync(await SetEnabledAsync(harness, (await Rules(harness).GetAsync("windowed"))!, true)));
        Assert.StartsWith("expired:", (await harness.MessageAsync(id)).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deleted_BeforeItsMessageFallsDue_CancelsItWithTheReason()
    {
        await using var harness = await PipelineHarness.CreateAsync();
        var (_, id) = await ScheduleAsync(harness);
        await Rules(harness).DeleteAsync("note");

        var summary = await harness.AdvanceAndDispatchAsync(TimeSpan.FromHours(1));

        Assert.Equal(1, summary.Cancelled);
        Assert.Equal("rule note was deleted", (await harness.MessageAsync(id)).Reason);
    }

    [Fact]
    public async Task Deleted_AndCreatedAgain_TheOldRulesMessageIsStillCancelled()
    {
        await using var harness = await PipelineHarness.CreateAsync();
        var (rule, id) = await ScheduleAsync(harness);
        await Rules(harness).DeleteAsync("note");
        await Rules(harness).SaveAsync(rule with { Description = "a new note" }, expectedVersion: 0);

        await harness.AdvanceAndDispatchAsync(TimeSpan.FromHours(1));

        Assert.Equal(MessageStatus.Cancelled, (await harness.MessageAsync(id)).GetStatus());
        Assert.DoesNotContain(harness.SendGrid.Accepted, mail => mail.MessageId == id);
    }

    [Fact]
    public async Task Deleted_WhileItsMessageIsHeld_CancelsIt()
    {
        await using var harness = await PipelineHarness.CreateAsync();
        var (rule, id) = await ScheduleAsync(harness);
        await SetEnabledAsync(harness, rule, false);
        await harness.AdvanceAndDispatchAsync(TimeSpan.FromHours(1));
        await Rules(harness).DeleteAsync("note");

        Assert.Equal(1, await harness.Dispatcher.CancelHeldAsync("note"));
        Assert.Equal(MessageStatus.Cancelled, (await harness.MessageAsync(id)).GetStatus());
    }

    [Fact]
    public async Task Held_ThenTheOrderIsCancelled_IsCancelledAndNeverReleased()
    {
        await using var harness = await PipelineHarness.CreateAsync();
        var (rule, id) = await ScheduleAsync(harness, new Rule { Id = "note", Trigger = EventTypes.OrderPlaced, Delay = "PT1H", TemplateId = "thank-you", CancelOn = [EventTypes.OrderCancelled] });
        rule = await SetEnabledAsync(harness, rule, false);
        await harness.AdvanceAndDispatchAsync(TimeSpan.FromHours(1));

        await harness.IngestAsync(TestEvents.Order(EventTypes.OrderCancelled, "A-1"));
        await harness.Dispatcher.ReleaseHeldAsync(await SetEnabledAsync(harness, rule, true));

        Assert.Equal(MessageStatus.Cancelled, (await harness.MessageAsync(id)).GetStatus());
        Assert.Equal(0, (await harness.AdvanceAndDispatchAsync(TimeSpan.FromMinutes(5))).Sent);
    }
}
