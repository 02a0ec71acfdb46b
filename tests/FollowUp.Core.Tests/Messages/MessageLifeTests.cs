using FollowUp.Events;
using FollowUp.Messages;
using FollowUp.Testing;

namespace FollowUp.Core.Tests.Messages;

public class MessageLifeTests
{
    [Fact]
    public async Task AnswerAsync_HundredsOfChangedAnswers_KeepsTheHistoryBoundedAndCountsWhatItDropped()
    {
        await using var harness = await PipelineHarness.CreateAsync();
        var id = (await harness.IngestAsync(TestEvents.Deal(EventTypes.DealLost, "D-1"))).Scheduled.Single().MessageId!;
        await harness.AdvanceAndDispatchAsync(TimeSpan.FromDays(2));
        for (var n = 0; n < 120; n++)
        {
            var (outcome, _) = await harness.Life.AnswerAsync(id, n % 2 == 0 ? "price" : "service");
            Assert.Equal(ResponseOutcome.Recorded, outcome);
        }

        var message = await harness.MessageAsync(id);
        Assert.Equal(MessageEntity.MaxHistory, message.GetHistory().Count);
        Assert.True(message.HistoryDropped > 80, $"dropped {message.HistoryDropped}");
        Assert.Equal(MessageEventKind.Answered, message.GetHistory()[^1].Kind);
        Assert.Equal("service", message.Answer);
        Assert.Equal(message.HistoryDropped, MessageView.From(message).HistoryDropped);
    }

    [Fact]
    public async Task CancelAsync_MessageAlreadySent_LeavesItAlone()
    {
        await using var harness = await PipelineHarness.CreateAsync();
        var id = (await harness.IngestAsync(TestEvents.Order(EventTypes.OrderPlaced, "A-1"))).Scheduled.Single().MessageId!;
        await harness.AdvanceAndDispatchAsync(TimeSpan.FromHours(1));

        var result = await harness.IngestAsync(TestEvents.Order(EventTypes.OrderCancelled, "A-1"));

        Assert.Empty(result.Cancelled);
        Assert.Equal(MessageStatus.Sent, (await harness.MessageAsync(id)).GetStatus());
    }

    [Fact]
    public async Task RecordDeliveryAsync_BeforeTheSendIsRecorded_TheSendTakesTheStageItShowed()
    {
        await using var harness = await PipelineHarness.CreateAsync();
        var id = (await harness.IngestAsync(TestEvents.Order(EventTypes.OrderPlaced, "A-1"))).Scheduled.Single().MessageId!;
        harness.Time.Advance(TimeSpan.FromHours(1));
        var claim = await harness.Life.ClaimAsync(await harness.DueMessageAsync(), TimeSpan.FromMinutes(5), 5);

        // SendGrid can post "delivered" before the dispatcher has written down that it sent the message.
        var early = await harness.Life.RecordDeliveryAsync(id, "sg-1", MessageStatus.Delivered, "delivered to the recipient's mail server", harness.Time.GetUtcNow());
        await harness.Life.MarkSentAsync(claim.Message!, "sg-message", new FollowUp.Templates.RenderedContent("nb", "Takk", "<p>Takk</p>", "Takk"), 1);

        Assert.Equal(ClaimOutcome.Claimed, claim.Outcome);
        Assert.Equal(DeliveryOutcome.Recorded, early);
        Assert.Equal(MessageStatus.Delivered, (await harness.MessageAsync(id)).GetStatus());
    }

    [Theory]
    [InlineData(MessageStatus.Delivered, MessageStatus.Opened, MessageStatus.Opened)]
    [InlineData(MessageStatus.Clicked, MessageStatus.Delivered, MessageStatus.Clicked)]
    [InlineData(MessageStatus.Answered, MessageStatus.Opened, MessageStatus.Answered)]
    [InlineData(MessageStatus.Answered, MessageStatus.Complained, MessageStatus.Complained)]
    [InlineData(MessageStatus.Complained, MessageStatus.Bounced, MessageStatus.Complained)]
    public void Further_IsTheFurthestStageWithTheEndsOfTheRoadLast(MessageStatus current, MessageStatus reached, MessageStatus expected) =>
        Assert.Equal(expected, MessageStages.Further(current, reached));

    [Fact]
    public void Record_LongDetailsFullOfCharactersJsonEscapes_KeepsTheStoredHistoryWithinOneProperty()
    {
        var message = new MessageEntity { Email = "kari@example.com" };

        for (var n = 0; n < 100; n++)
        {
            message.Record(MessageStatus.Scheduled, new MessageEvent(PipelineHarness.Start, MessageEventKind.AttemptFailed, new string('<', 2_000)));
        }

        Assert.InRange(message.History.Length, 1, MessageEntity.MaxHistoryLength);
        Assert.Equal(100, message.GetHistory().Count + message.HistoryDropped);
    }
}
