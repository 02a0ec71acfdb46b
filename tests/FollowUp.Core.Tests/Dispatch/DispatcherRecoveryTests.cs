using Azure.Data.Tables;
using FollowUp.Dispatch;
using FollowUp.Events;
using FollowUp.Messages;
using FollowUp.Storage;
using FollowUp.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace FollowUp.Core.Tests.Dispatch;

/// <summary>What the dispatcher does when storage fails it, when the host stops, and when a cancellation meets a send.</summary>
public class DispatcherRecoveryTests
{
    [Fact]
    public async Task DispatchDueAsync_StorageRefusesTheRetryRecord_KeepsTheMessageFindableAndSendsItOnce()
    {
        var faults = new StorageFaults();
        await using var harness = await PipelineHarness.CreateAsync(services: faults.InstallIn);
        var id = (await harness.IngestAsync(TestEvents.Order(EventTypes.OrderPlaced, "A-1"))).Scheduled.Single().MessageId!;
        harness.SendGrid.Enqueue(FakeSendGridResponse.ServerError);

        // The claim's write goes through; the two writes that would record "retry later" fail.
        faults.Fail("Messages", "PUT", skip: 1, count: 2);
        var first = await harness.AdvanceAndDispatchAsync(TimeSpan.FromHours(1));
        var stuck = await harness.MessageAsync(id);
        var later = await harness.AdvanceAndDispatchAsync(new DispatchOptions().ClaimDuration + TimeSpan.FromMinutes(1));

        Assert.Equal(2, faults.Injected);
        Assert.Equal(1, first.Faulted);
        Assert.Equal(MessageStatus.Claimed, stuck.GetStatus());
        Assert.Equal(1, later.Sent);
        Assert.Equal(MessageStatus.Sent, (await harness.MessageAsync(id)).GetStatus());
        Assert.Single(harness.SendGrid.Accepted);
    }

    [Fact]
    public async Task DispatchDueAsync_StorageRefusesTheSentRecord_WritesAMinimalOneAndNeverSendsAgain()
    {
        var faults = new StorageFaults();
        await using var harness = await PipelineHarness.CreateAsync(services: faults.InstallIn);
        var id = (await harness.IngestAsync(TestEvents.Order(EventTypes.OrderPlaced, "A-1"))).Scheduled.Single().MessageId!;

        // The claim's write goes through; the full "sent" record does not.
        faults.Fail("Messages", "PUT", skip: 1, count: 1);
        var first = await harness.AdvanceAndDispatchAsync(TimeSpan.FromHours(1));
        var later = await harness.AdvanceAndDispatchAsync(new DispatchOptions().ClaimDuration * 2);

        Assert.Equal(1, faults.Injected);
        Assert.Equal(1, first.Sent);
        Assert.Equal(0, later.Total);
        var message = await harness.MessageAsync(id);
        Assert.Equal(MessageStatus.Sent, message.GetStatus());
        Assert.Equal(Assert.Single(harness.SendGrid.Accepted).ProviderMessageId, message.ProviderMessageId);
        Assert.Contains("full record could not be written", message.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DispatchDueAsync_HostStopsWhileASendIsInFlight_FinishesTheSendAndRecordsIt()
    {
        await using var harness = await PipelineHarness.CreateAsync();
        var id = (await harness.IngestAsync(TestEvents.Order(EventTypes.OrderPlaced, "A-1"))).Scheduled.Single().MessageId!;
        harness.SendGrid.Enqueue(FakeSendGridResponse.Accepted with { Delay = TimeSpan.FromMilliseconds(500) });
        harness.Time.Advance(TimeSpan.FromHours(1));
        using var stopping = new CancellationTokenSource();

        var pass = harness.Dispatcher.DispatchDueAsync(stopping.Token);
        await WaitUntilAsync(() => harness.SendGrid.Received.Count > 0 || pass.IsCompleted, TimeSpan.FromMilliseconds(200));
        await stopping.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => pass);

        var message = await harness.MessageAsync(id);
        Assert.Equal(MessageStatus.Sent, message.GetStatus());
        Assert.Equal(0, (await harness.AdvanceAndDispatchAsync(TimeSpan.FromHours(1))).Total);
        Assert.Single(harness.SendGrid.Accepted);
    }

    [Fact]
    public async Task CancelWhileClaimed_ThenTheSendFails_TheRetryIsCancelledNotSent()
    {
        await using var harness = await PipelineHarness.CreateAsync();
        var id = (await harness.IngestAsync(TestEvents.Order(EventTypes.OrderPlaced, "A-1"))).Scheduled.Single().MessageId!;
        harness.Time.Advance(TimeSpan.FromHours(1));
        var entry = await harness.DueEntryAsync();
        var claim = await harness.Life.ClaimAsync(entry, TimeSpan.FromMinutes(5), maxAttempts: 5);

        var cancelled = await harness.IngestAsync(TestEvents.Order(EventTypes.OrderCancelled, "A-1"));
        await harness.Life.RetryLaterAsync(claim.Message!, entry, "SendGrid answered 429", harness.Time.GetUtcNow().AddMinutes(1));

        Assert.Empty(cancelled.Cancelled);
        var message = await harness.MessageAsync(id);
        Assert.Equal(MessageStatus.Cancelled, message.GetStatus());
        Assert.Contains("order.cancelled", message.Reason, StringComparison.Ordinal);
        Assert.Equal(0, (await harness.AdvanceAndDispatchAsync(TimeSpan.FromHours(1))).Sent);
        Assert.Empty(harness.SendGrid.Received);
    }

    [Fact]
    public async Task CancelWhileClaimed_ThenTheDispatcherDies_TheReclaimCancelsInsteadOfSending()
    {
        await using var harness = await PipelineHarness.CreateAsync();
        var id = (await harness.IngestAsync(TestEvents.Order(EventTypes.OrderPlaced, "A-1"))).Scheduled.Single().MessageId!;
        harness.Time.Advance(TimeSpan.FromHours(1));
        await harness.Life.ClaimAsync(await harness.DueEntryAsync(), TimeSpan.FromMinutes(5), maxAttempts: 5);

        await harness.IngestAsync(TestEvents.Order(EventTypes.OrderCancelled, "A-1"));
        var summary = await harness.AdvanceAndDispatchAsync(TimeSpan.FromMinutes(6));

        Assert.Equal(1, summary.Cancelled);
        Assert.Equal(MessageStatus.Cancelled, (await harness.MessageAsync(id)).GetStatus());
        Assert.Empty(harness.SendGrid.Received);
    }

    [Fact]
    public async Task DispatchDueAsync_MessageRowThatCannotBeRead_MovesItsEntryAMinuteOnAndSendsTheRest()
    {
        await using var harness = await PipelineHarness.CreateAsync();
        var due = harness.Time.GetUtcNow().AddMinutes(30);
        await harness.Tables.Messages.AddEntityAsync(new MessageEntity { PartitionKey = "corrupt", RowKey = "0123456789abcdef0123456789abcdef", Status = "NoSuchStatus", DueAt = due });
        await harness.Tables.Schedule.AddEntityAsync(ScheduleEntry.Create("0123456789abcdef0123456789abcdef", "corrupt", due));
        await harness.IngestAsync(TestEvents.Order(EventTypes.OrderPlaced, "A-1"));

        var summary = await harness.AdvanceAndDispatchAsync(TimeSpan.FromHours(1));

        Assert.Equal(1, summary.Sent);
        Assert.Equal(1, summary.Deferred);
        Assert.Equal(harness.Time.GetUtcNow().AddMinutes(1), await harness.Dispatcher.NextDueAsync());
    }

    private static async Task WaitUntilAsync(Func<bool> condition, TimeSpan atMost)
    {
        for (var waited = TimeSpan.Zero; !condition() && waited < atMost; waited += TimeSpan.FromMilliseconds(10))
        {
            await Task.Delay(TimeSpan.FromMilliseconds(10), TimeProvider.System);
        }
    }
}
