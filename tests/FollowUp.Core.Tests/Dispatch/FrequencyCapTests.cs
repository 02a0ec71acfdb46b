using FollowUp.Events;
using FollowUp.Messages;
using FollowUp.Rules;
using FollowUp.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace FollowUp.Core.Tests.Dispatch;

/// <summary>
/// Frequency caps defer, never drop: with the defaults (1 feedback message in 7 days, 2 marketing in 7 days, 3 in
/// total in a day, service messages counted but never held back). The harness starts Monday 23 Nov 2026 08:00 UTC.
/// </summary>
public class FrequencyCapTests
{
    private static async Task<Rule> SaveAsync(PipelineHarness harness, Rule rule) =>
        (await harness.Services.GetRequiredService<RuleBook>().SaveAsync(rule, expectedVersion: null)).Rule;

    private static string ReviewOf(FollowUp.Ingest.IngestResult result) => result.Scheduled.Single(s => s.RuleId == "review-request").MessageId!;

    [Fact]
    public async Task SecondReviewRequestInAWeek_IsDeferredAWeekWithTheCapInWordsAndThenSent()
    {
        await using var harness = await PipelineHarness.CreateAsync();
        var first = ReviewOf(await harness.IngestAsync(TestEvents.Order(EventTypes.OrderDelivered, "A-1")));
        harness.Time.Advance(TimeSpan.FromHours(2));
        var second = ReviewOf(await harness.IngestAsync(TestEvents.Order(EventTypes.OrderDelivered, "A-2")));

        var deferred = await harness.MessageAsync(second);
        Assert.Equal(new DateTimeOffset(2026, 12, 5, 8, 0, 0, TimeSpan.Zero), deferred.DueAt);
        Assert.Equal(
            "deferred to Sat 5 Dec 09:00 Europe/Oslo: at most 1 feedback message in 7 days (review-request due 28 Nov 08:00 UTC)",
            deferred.GetHistory().Single(e => e.Kind == MessageEventKind.Deferred).Detail);

        Assert.Equal(1, (await harness.AdvanceAndDispatchAsync(TimeSpan.FromDays(5))).Sent);
        Assert.Equal(first, Assert.Single(harness.SendGrid.Accepted).MessageId);
        Assert.Equal(0, (await harness.AdvanceAndDispatchAsync(TimeSpan.FromDays(6.9))).Sent);
        Assert.Equal(1, (await harness.AdvanceAndDispatchAsync(new DateTimeOffset(2026, 12, 5, 8, 0, 0, TimeSpan.Zero) - harness.Time.GetUtcNow())).Sent);
    }

    [Fact]
    public async Task TheMessageInTheWayIsCancelled_TheDeferredOneIsBroughtForward()
    {
        await using var harness = await PipelineHarness.CreateAsync();
        await harness.IngestAsync(TestEvents.Order(EventTypes.OrderDelivered, "A-1"));
        var second = ReviewOf(await harness.IngestAsync(TestEvents.Order(EventTypes.OrderDelivered, "A-2")));

        await harness.IngestAsync(TestEvents.Order(EventTypes.OrderReturned, "A-1"));

        var message = await harness.MessageAsync(second);
        Assert.Equal(new DateTimeOffset(2026, 11, 28, 8, 0, 0, TimeSpan.Zero), message.DueAt);
        Assert.StartsWith("brought forward to Sat 28 Nov 09:00 Europe/Oslo", message.GetHistory()[^1].Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ThreeOrdersInAnHour_ThankYousGoButTheLoyaltyRewardWaitsForTheDailyTotal()
    {
        await using var harness = await PipelineHarness.CreateAsync();
        string? reward = null;
        for (var n = 1; n <= 3; n++)
        {
            var placed = await harness.IngestAsync(TestEvents.Order(EventTypes.OrderPlaced, $"A-{n}"));
            reward ??= placed.Scheduled.SingleOrDefault(s => s.RuleId == "loyalty-reward")?.MessageId;
            harness.Time.Advance(TimeSpan.FromMinutes(20));
        }

        // The thank-yous are service messages: never held back, but they count towards the three a day.
        Assert.Equal(3, (await harness.AdvanceAndDispatchAsync(TimeSpan.FromHours(1.5))).Sent);
        var deferred = await harness.MessageAsync(reward!);
        Assert.Equal(new DateTimeOffset(2026, 11, 24, 9, 0, 0, TimeSpan.Zero), deferred.DueAt);
        Assert.Contains("at most 3 messages in 1 day (thank-you due 23 Nov 09:00 UTC)", deferred.GetHistory().Single(e => e.Kind == MessageEventKind.Deferred).Detail, StringComparison.Ordinal);
        Assert.Equal(1, (await harness.AdvanceAndDispatchAsync(new DateTimeOffset(2026, 11, 24, 9, 0, 0, TimeSpan.Zero) - harness.Time.GetUtcNow())).Sent);
    }

    [Fact]
    public async Task HigherPriorityScheduledLater_GoesFirstAndMovesTheOtherWithWhy()
    {
        await using var harness = await PipelineHarness.CreateAsync();
        // The review request (due in 5 days) was planned first by the first delivery; the NPS question (2 days) of
        // the second delivery has the higher priority.
        var review = ReviewOf(await harness.IngestAsync(TestEvents.Order(EventTypes.OrderDelivered, "A-1")));
        await SaveAsync(harness, new Rule { Id = "nps", Trigger = EventTypes.OrderDelivered, Delay = "P2D", TemplateId = "review-request", Category = MessageCategory.Feedback, Priority = 10 });
        var nps = (await harness.IngestAsync(TestEvents.Order(EventTypes.OrderDelivered, "A-2"))).Scheduled.Single(s => s.RuleId == "nps").MessageId!;

        Assert.Equal(PipelineHarness.Start.AddDays(2), (await harness.MessageAsync(nps)).DueAt);
        var moved = await harness.MessageAsync(review);
        Assert.Equal(PipelineHarness.Start.AddDays(9), moved.DueAt);
        Assert.EndsWith("nps (priority 10) goes first", moved.GetHistory()[^1].Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RuleWithoutACap_IsNotDeferredByItsCategory()
    {
        await using var harness = await PipelineHarness.CreateAsync();
        var review = (await harness.Services.GetRequiredService<RuleBook>().GetAsync("review-request"))!;
        await SaveAsync(harness, review with { FrequencyCap = "none" });
        var first = ReviewOf(await harness.IngestAsync(TestEvents.Order(EventTypes.OrderDelivered, "A-1")));
        var second = ReviewOf(await harness.IngestAsync(TestEvents.Order(EventTypes.OrderDelivered, "A-2")));

        Assert.Equal((await harness.MessageAsync(first)).DueAt, (await harness.MessageAsync(second)).DueAt);
    }

    [Fact]
    public async Task TwoDeliveriesAtOnceAndTwoDispatchers_StillOneReviewRequestAWeek()
    {
        await using var harness = await PipelineHarness.CreateAsync();
        await using var other = await PipelineHarness.CreateAsync(s => s["FollowUp:Storage:TablePrefix"] = harness.Settings["FollowUp:Storage:TablePrefix"], seedDefaults: false);

        // Two instances take the customer's two deliveries at the same moment, on the same tables.
        await Task.WhenAll(
            harness.IngestAsync(TestEvents.Order(EventTypes.OrderDelivered, "A-1")),
            other.IngestAsync(TestEvents.Order(EventTypes.OrderDelivered, "A-2")));

        var sent = new List<int>();
        foreach (var day in new[] { 5, 7, 12 })
        {
            harness.Time.Advance(PipelineHarness.Start.AddDays(day) - harness.Time.GetUtcNow());
            other.Time.Advance(PipelineHarness.Start.AddDays(day) - other.Time.GetUtcNow());
            var passes = await Task.WhenAll(harness.Dispatcher.DispatchDueAsync(), other.Dispatcher.DispatchDueAsync());
            sent.Add(passes.Sum(p => p.Sent));
        }

        Assert.Equal([1, 0, 1], sent);
    }

    [Fact]
    public async Task CapEndingOutsideTheWindow_DefersOnToTheWindowsNextOpening()
    {
        await using var harness = await PipelineHarness.CreateAsync();
        await SaveAsync(harness, new Rule
        {
            Id = "survey",
            Trigger = EventTypes.OrderDelivered,
            Delay = "P5D",
            TemplateId = "review-request",
            Category = MessageCategory.Feedback,
            SendWindow = new RuleSendWindow { Days = RuleSendWindow.DayNames, From = "09:00", To = "12:00" },
        });
        harness.Time.Advance(TimeSpan.FromHours(6)); // 15:00 in Oslo: the review request is due Saturday at 15:00

        var delivered = await harness.IngestAsync(TestEvents.Order(EventTypes.OrderDelivered, "A-1"));

        // The review request holds the week's feedback until Saturday 5 Dec 15:00, after the survey's window closes at
        // noon: the survey goes at its next opening.
        var survey = await harness.MessageAsync(delivered.Scheduled.Single(s => s.RuleId == "survey").MessageId!);
        Assert.Equal(new DateTimeOffset(2026, 12, 6, 8, 0, 0, TimeSpan.Zero), survey.DueAt);
        Assert.Equal(
            "deferred to Sun 6 Dec 09:00 Europe/Oslo: at most 1 feedback message in 7 days (review-request due 28 Nov 14:00 UTC), then outside the send window (every day 09:00–12:00)",
            survey.GetHistory().Single(e => e.Kind == MessageEventKind.Deferred).Detail);
    }
}
