using FollowUp.Events;
using FollowUp.Messages;
using FollowUp.Rules;
using FollowUp.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace FollowUp.Core.Tests.Dispatch;

/// <summary>
/// Ways a message gets past its cap although the README says it is deferred: the send plan forgets a message that
/// went, or says a message moved that never did. The harness starts Monday 23 Nov 2026 08:00 UTC (09:00 in Oslo).
/// </summary>
public class FrequencyCapHoleTests
{
    private static readonly DateTimeOffset SaturdayNine = new(2026, 11, 28, 8, 0, 0, TimeSpan.Zero);

    private static string ReviewOf(FollowUp.Ingest.IngestResult result) => result.Scheduled.Single(s => s.RuleId == "review-request").MessageId!;

    /// <summary>An NPS question on shipping, ahead of the review request: feedback, priority 10, a day after.</summary>
    private static async Task NpsOnShippingAsync(PipelineHarness harness) =>
        await harness.Services.GetRequiredService<RuleBook>().SaveAsync(
            new Rule { Id = "nps", Trigger = EventTypes.OrderShipped, Delay = "P1D", TemplateId = "review-request", Category = MessageCategory.Feedback, Priority = 10 },
            expectedVersion: null);

    [Fact]
    public async Task ReturnAfterTheReviewRequestWasSent_DoesNotBringTheDeferredOneForwardInsideTheWeek()
    {
        await using var harness = await PipelineHarness.CreateAsync();
        ReviewOf(await harness.IngestAsync(TestEvents.Order(EventTypes.OrderDelivered, "A-1")));
        harness.Time.Advance(TimeSpan.FromHours(2));
        var second = ReviewOf(await harness.IngestAsync(TestEvents.Order(EventTypes.OrderDelivered, "A-2")));
        Assert.Equal(SaturdayNine.AddDays(7), (await harness.MessageAsync(second)).DueAt);

        // The first review request goes on Saturday; on Sunday the customer returns order A-1. The return cancels
        // nothing (the message went), but the send plan drops the sent message and brings the second one forward.
        Assert.Equal(1, (await harness.AdvanceAndDispatchAsync(SaturdayNine.AddHours(2) - harness.Time.GetUtcNow())).Sent);
        harness.Time.Advance(TimeSpan.FromDays(1));
        await harness.IngestAsync(TestEvents.Order(EventTypes.OrderReturned, "A-1"));

        Assert.Equal(SaturdayNine.AddDays(7), (await harness.MessageAsync(second)).DueAt);
        Assert.Equal(0, (await harness.AdvanceAndDispatchAsync(TimeSpan.FromDays(1))).Sent);
    }

    [Fact]
    public async Task HigherPriorityInTheSameBatch_MovesTheOtherMessageOfThatBatch()
    {
        await using var harness = await PipelineHarness.CreateAsync();
        await NpsOnShippingAsync(harness);

        // One customer's delivery of A-1 and shipping of A-2 arrive in one batch: the NPS question (Tue 24 Nov) goes
        // first and moves the review request of A-1 (Sat 28 Nov) to a week after it, as one by one it does.
        var outcomes = await harness.Ingestor.IngestBatchAsync(
        [
            PipelineHarness.Parse(TestEvents.Order(EventTypes.OrderDelivered, "A-1")),
            PipelineHarness.Parse(TestEvents.Order(EventTypes.OrderShipped, "A-2")),
        ]);
        var review = ReviewOf(outcomes[0].Result!);
        var nps = outcomes[1].Result!.Scheduled.Single(s => s.RuleId == "nps").MessageId!;

        Assert.Equal(PipelineHarness.Start.AddDays(1), (await harness.MessageAsync(nps)).DueAt);
        Assert.True((await harness.MessageAsync(review)).DueAt >= PipelineHarness.Start.AddDays(8), "the review request is still due Saturday, four days after the NPS question: two feedback messages in 7 days");
    }

    [Fact]
    public async Task EventRetriedAfterAFailureBeforeItsMoves_StillMovesTheLowerPriorityMessage()
    {
        var faults = new StorageFaults();
        await using var harness = await PipelineHarness.CreateAsync(services: faults.InstallIn);
        await NpsOnShippingAsync(harness);
        var review = ReviewOf(await harness.IngestAsync(TestEvents.Order(EventTypes.OrderDelivered, "A-1")));

        // The shipping event's changes (with the send plan that moves the review request) are written; reading the
        // review request to move it fails. The sender retries the event, as the API's 503 asks.
        faults.Fail("Messages", "GET", skip: 0, count: 1);
        await Assert.ThrowsAnyAsync<Azure.RequestFailedException>(() => harness.IngestAsync(TestEvents.Order(EventTypes.OrderShipped, "A-2")));
        await harness.IngestAsync(TestEvents.Order(EventTypes.OrderShipped, "A-2"));

        Assert.True((await harness.MessageAsync(review)).DueAt >= PipelineHarness.Start.AddDays(8), "the retry found the plan already moved and never moved the message: it goes Saturday, four days after the NPS question");
    }

    [Fact]
    public async Task DealLostAgainAfterAReopenCancelledItsSurvey_TheCancelledSurveyDoesNotDeferTheNextDealsSurvey()
    {
        await using var harness = await PipelineHarness.CreateAsync();
        var start = PipelineHarness.Start;
        var survey = (await harness.IngestAsync(TestEvents.Deal(EventTypes.DealLost, "D-1", time: start))).Scheduled.Single().MessageId!;
        harness.Time.Advance(TimeSpan.FromHours(1));
        await harness.IngestAsync(TestEvents.Deal(EventTypes.DealReopened, "D-1", time: start.AddHours(1)));
        Assert.Equal(MessageStatus.Cancelled, (await harness.MessageAsync(survey)).GetStatus());

        // Lost again: the deal's survey is the one already cancelled (one message per rule and deal), yet the send plan
        // takes it in again as if it were to go on Wednesday.
        harness.Time.Advance(TimeSpan.FromHours(1));
        await harness.IngestAsync(TestEvents.Deal(EventTypes.DealLost, "D-1", time: start.AddHours(2), eventId: "deal.lost/D-1/again"));
        Assert.Equal(MessageStatus.Cancelled, (await harness.MessageAsync(survey)).GetStatus());

        // So the survey of the next lost deal waits a week for a message that will never be sent.
        harness.Time.Advance(TimeSpan.FromHours(1));
        var next = (await harness.IngestAsync(TestEvents.Deal(EventTypes.DealLost, "D-2", time: start.AddHours(3)))).Scheduled.Single().MessageId!;

        var message = await harness.MessageAsync(next);
        Assert.Equal(start.AddDays(2).AddHours(3), message.DueAt);
        Assert.DoesNotContain(message.GetHistory(), e => e.Kind == MessageEventKind.Deferred);
    }
}
