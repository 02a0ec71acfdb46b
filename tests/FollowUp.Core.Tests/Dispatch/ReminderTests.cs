using FollowUp.Events;
using FollowUp.Links;
using FollowUp.Messages;
using FollowUp.Responses;
using FollowUp.Rules;
using FollowUp.Templates;
using FollowUp.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace FollowUp.Core.Tests.Dispatch;

/// <summary>Reminders: messages of their own, timed from the first send, stopped by an answer, an unsubscribe or the cancelling event.</summary>
public class ReminderTests
{
    private static async Task RuleAsync(PipelineHarness harness, params string[] reminders)
    {
        await harness.Services.GetRequiredService<TemplateLibrary>().SaveAsync(new MessageTemplate
        {
            Id = "nudge",
            Locales = new Dictionary<string, TemplateContent>
            {
                ["en"] = new("{{ if message.reminder == 0 }}How was it?{{ else }}Reminder {{ message.reminder }}: how was it?{{ end }}", "<p>Tell us <a href=\"{{ unsubscribe_url }}\">stop</a></p>", "Tell us"),
            },
        }, expectedVersion: null);
        await harness.Services.GetRequiredService<RuleBook>().SaveAsync(new Rule
        {
            Id = "nudge",
            Trigger = EventTypes.OrderDelivered,
            Delay = "P1D",
            TemplateId = "nudge",
            Category = MessageCategory.Service,
            CancelOn = [EventTypes.OrderReturned],
            Reminders = reminders,
        }, expectedVersion: null);
    }

    private static async Task<string[]> DeliveredAsync(PipelineHarness harness) =>
        [.. (await harness.IngestAsync(TestEvents.Order(EventTypes.OrderDelivered, "A-1"))).Scheduled.Where(s => s.RuleId == "nudge").Select(s => s.MessageId!)];

    [Fact]
    public async Task Reminders_AreMessagesOfTheirOwnLinkedToTheFirstAndSentAfterItsSendWithTheirNumber()
    {
        await using var harness = await PipelineHarness.CreateAsync(seedDefaults: false);
        await RuleAsync(harness, "P4D", "P10D");

        var ids = await DeliveredAsync(harness);

        Assert.Equal(3, ids.Length);
        var second = await harness.MessageAsync(ids[2]);
        Assert.Equal((2, $"{ids[0]},{ids[1]}", "P10D"), (second.Reminder, second.ReminderOf, second.ReminderAfter));
        Assert.Equal(1, (await harness.AdvanceAndDispatchAsync(TimeSpan.FromDays(1))).Sent);
        Assert.Equal(0, (await harness.AdvanceAndDispatchAsync(TimeSpan.FromDays(4) - TimeSpan.FromMinutes(1))).Sent);
        Assert.Equal(1, (await harness.AdvanceAndDispatchAsync(TimeSpan.FromMinutes(1))).Sent);
        Assert.Equal(1, (await harness.AdvanceAndDispatchAsync(TimeSpan.FromDays(6))).Sent);
        Assert.Equal(["How was it?", "Reminder 1: how was it?", "Reminder 2: how was it?"], harness.SendGrid.Accepted.Select(mail => mail.Subject));
    }

    [Fact]
    public async Task AnsweredFirst_StopsTheReminders()
    {
        await using var harness = await PipelineHarness.CreateAsync(seedDefaults: false);
        await RuleAsync(harness, "P4D");
        var ids = await DeliveredAsync(harness);
        await harness.AdvanceAndDispatchAsync(TimeSpan.FromDays(1));

        await harness.Services.GetRequiredService<CustomerResponses>().AnswerAsync(new LinkToken(LinkKind.Answer, ids[0], "5"));
        var summary = await harness.AdvanceAndDispatchAsync(TimeSpan.FromDays(4));

        Assert.Equal((0, 1), (summary.Sent, summary.Cancelled));
        Assert.Equal($"the customer answered message {ids[0]}: no reminder needed", (await harness.MessageAsync(ids[1])).Reason);
    }

    [Fact]
    public async Task ClickedFirst_StopsTheReminders()
    {
        await using var harness = await PipelineHarness.CreateAsync(seedDefaults: false);
        await RuleAsync(harness, "P4D");
        var ids = await DeliveredAsync(harness);
        await harness.AdvanceAndDispatchAsync(TimeSpan.FromDays(1));

        await harness.Life.RecordDeliveryAsync(ids[0], "sg-click-1", MessageStatus.Clicked, "clicked https://tebutikken.example/", harness.Time.GetUtcNow());
        var summary = await harness.AdvanceAndDispatchAsync(TimeSpan.FromDays(4));

        Assert.Equal((0, 1), (summary.Sent, summary.Cancelled));
        Assert.Equal($"the customer clicked a link in message {ids[0]}: no reminder needed", (await harness.MessageAsync(ids[1])).Reason);
    }

    [Fact]
    public async Task CancellingEvent_CancelsTheRemindersToo()
    {
        await using var harness = await PipelineHarness.CreateAsync(seedDefaults: false);
        await RuleAsync(harness, "P4D", "P10D");
        var ids = await DeliveredAsync(harness);
        await harness.AdvanceAndDispatchAsync(TimeSpan.FromDays(1));

        var returned = await harness.IngestAsync(TestEvents.Order(EventTypes.OrderReturned, "A-1"));

        Assert.Equal(ids[1..].Order(StringComparer.Ordinal), returned.Cancelled.Select(c => c.MessageId!).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task FirstNotSentYet_TheReminderWaitsForIt()
    {
        await using var harness = await PipelineHarness.CreateAsync(seedDefaults: false);
        await RuleAsync(harness, "P2D");
        var ids = await DeliveredAsync(harness);
        var rules = harness.Services.GetRequiredService<RuleBook>();
        var rule = (await rules.GetAsync("nudge"))!;
        await rules.SaveAsync(rule with { Enabled = false }, expectedVersion: null);
        await harness.AdvanceAndDispatchAsync(TimeSpan.FromDays(1)); // the first is held
        await harness.AdvanceAndDispatchAsync(TimeSpan.FromDays(2)); // the reminder is held too

        await harness.Dispatcher.ReleaseHeldAsync((await rules.SaveAsync(rule with { Enabled = true }, expectedVersion: null)).Rule);
        var summary = await harness.AdvanceAndDispatchAsync(TimeSpan.Zero);

        // The first goes now; its reminder two days after that, not at once.
        Assert.Equal((1, 1), (summary.Sent, summary.Deferred));
        Assert.Equal(harness.Time.GetUtcNow().AddDays(2), (await harness.MessageAsync(ids[1])).DueAt, TimeSpan.FromSeconds(1));
    }

    [Theory]
    [InlineData(UnsubscribeScope.Everything, MessageStatus.Cancelled)]
    [InlineData(UnsubscribeScope.Marketing, MessageStatus.Sent)]
    public async Task UnsubscribedThroughTheFirst_StopsTheRemindersItsChoiceStops(UnsubscribeScope scope, MessageStatus reminder)
    {
        await using var harness = await PipelineHarness.CreateAsync(seedDefaults: false);
        await RuleAsync(harness, "P4D");
        var ids = await DeliveredAsync(harness);
        await harness.AdvanceAndDispatchAsync(TimeSpan.FromDays(1));

        // The reminders are service messages here: "marketing only" leaves them, "everything" stops them.
        await harness.Services.GetRequiredService<CustomerResponses>().UnsubscribeAsync(new LinkToken(LinkKind.Unsubscribe, ids[0], null), scope);
        await harness.AdvanceAndDispatchAsync(TimeSpan.FromDays(4));

        Assert.Equal(reminder, (await harness.MessageAsync(ids[1])).GetStatus());
    }
}
