using FollowUp.Events;
using FollowUp.Links;
using FollowUp.Responses;
using FollowUp.Messages;
using FollowUp.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace FollowUp.Core.Tests.Responses;

public class CustomerResponsesTests
{
    [Fact]
    public async Task AnswerAsync_SameClickTwice_RecordsOnce()
    {
        await using var harness = await PipelineHarness.CreateAsync();
        var id = (await harness.IngestAsync(TestEvents.Deal(EventTypes.DealLost, "D-1"))).Scheduled.Single().MessageId!;
        await harness.AdvanceAndDispatchAsync(TimeSpan.FromDays(2));
        var responses = harness.Services.GetRequiredService<CustomerResponses>();
        var click = new LinkToken(LinkKind.Answer, id, "price");

        var first = await responses.AnswerAsync(click);
        var second = await responses.AnswerAsync(click);

        Assert.Equal(ResponseOutcome.Recorded, first.Outcome);
        Assert.Equal(ResponseOutcome.AlreadyRecorded, second.Outcome);
        var message = await harness.MessageAsync(id);
        Assert.Equal(MessageStatus.Answered, message.GetStatus());
        Assert.Equal("price", message.Answer);
        Assert.Equal(harness.Time.GetUtcNow(), message.AnsweredAt);
        Assert.Single(message.GetHistory(), e => e.Kind == MessageEventKind.Answered);
    }

    [Fact]
    public async Task AnswerAsync_MessageNotSentYet_IsNotRecorded()
    {
        await using var harness = await PipelineHarness.CreateAsync();
        var id = (await harness.IngestAsync(TestEvents.Deal(EventTypes.DealLost, "D-1"))).Scheduled.Single().MessageId!;
        var responses = harness.Services.GetRequiredService<CustomerResponses>();

        var (outcome, _) = await responses.AnswerAsync(new LinkToken(LinkKind.Answer, id, "price"));

        Assert.Equal(ResponseOutcome.NotSent, outcome);
        Assert.Null((await harness.MessageAsync(id)).Answer);
    }

    [Fact]
    public async Task UnsubscribeAsync_StopsEverythingToThatAddressAndCancelsWhatIsPending()
    {
        await using var harness = await PipelineHarness.CreateAsync();
        var thankYou = (await harness.IngestAsync(TestEvents.Order(EventTypes.OrderPlaced, "A-1"))).Scheduled.Single().MessageId!;
        await harness.AdvanceAndDispatchAsync(TimeSpan.FromHours(1));
        var review = (await harness.IngestAsync(TestEvents.Order(EventTypes.OrderDelivered, "A-1"))).Scheduled.Single().MessageId!;
        var responses = harness.Services.GetRequiredService<CustomerResponses>();

        var (outcome, _, _) = await responses.UnsubscribeAsync(new LinkToken(LinkKind.Unsubscribe, thankYou, null));
        var again = await responses.UnsubscribeAsync(new LinkToken(LinkKind.Unsubscribe, thankYou, null));
        var later = await harness.IngestAsync(TestEvents.Order(EventTypes.OrderPlaced, "A-2", email: "KARI@example.com"));
        var sentBefore = harness.SendGrid.Received.Count;
        await harness.AdvanceAndDispatchAsync(TimeSpan.FromDays(10));

        Assert.Equal(ResponseOutcome.Recorded, outcome);
        Assert.Equal(ResponseOutcome.AlreadyRecorded, again.Outcome);
        var cancelled = await harness.MessageAsync(review);
        Assert.Equal(MessageStatus.Cancelled, cancelled.GetStatus());
        Assert.Equal("the address has unsubscribed from everything", cancelled.Reason);
        Assert.Equal(MessageStatus.Cancelled, Assert.Single(later.Scheduled).Status);
        Assert.Equal(sentBefore, harness.SendGrid.Received.Count);
        Assert.Single((await harness.MessageAsync(thankYou)).GetHistory(), e => e.Kind == MessageEventKind.Unsubscribed);
    }
}
