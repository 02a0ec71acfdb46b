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

        // The claim's write goes through; every write that would record "retry later" fails: the outcome's own write
        // and its second try, and both again when the dispatcher records the fault.
        faults.Fail("Messages", "PUT", skip: 1, count: 4);
        var first = await harness.AdvanceAndDispatchAsync(TimeSpan.FromHours(1));
        var stuck = await harness.MessageAsync(id);
        var later = await harness.AdvanceAndDispatchAsync(new DispatchOptions().ClaimDuration + TimeSpan.FromMinutes(1));

        Assert.Equal(4, faults.Injected);
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

        // The claim's write goes through; the full "sent" record does not, nor its second try.
        faults.Fail("Messages", "PUT", skip: 1, count: 2);
        var first = await harness.AdvanceAndDispatchAsync(TimeSpan.FromHours(1));
        var later = await harness.AdvanceAndDispatchAsync(new DispatchOptions().ClaimDuration * 2);

        Assert.Equal(2, faults.Injected);
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
        var due = await harness.DueMessageAsync();
        var claim = await harness.Life.ClaimAsync(due, TimeSpan.FromMinutes(5), maxAttempts: 5);

        var cancelled = await harness.IngestAsync(TestEvents.Order(EventTypes.OrderCancelled, "A-1"));
        await harness.Life.RetryLaterAsync(claim.Message!, "SendGrid answered 429", harness.Time.GetUtcNow().AddMinutes(1));

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
        await harness.Life.ClaimAsync(await harness.DueMessageAsync(), TimeSpan.FromMinutes(5), maxAttempts: 5);

        await harness.IngestAsync(TestEvents.Order(EventTypes.OrderCancelled, "A-1"));
        var summary = await harness.AdvanceAndDispatchAsync(TimeSpan.FromMinutes(6));

        Assert.Equal(1, summary.Cancelled);
        Assert.Equal(MessageStatus.Cancelled, (await harness.MessageAsync(id)).GetStatus());
        Assert.Empty(harness.SendGrid.Received);
    }

    [Fact]
    public async Task DispatchDueAsync_MessageRowThatCannotBeRead_FailsItWithTheReasonAndSendsTheRest()
    {
        await using var harness = await PipelineHarness.CreateAsync();
        var placed = (await harness.IngestAsync(TestEvents.Order(EventTypes.OrderPlaced, "A-1"))).Scheduled.Single().MessageId!;

        // A row in the same partition whose due time is not a time: reading the partition as messages fails on it.
        var corrupt = placed[..^1] + (placed[^1] == '0' ? '1' : '0');
        await harness.Tables.Messages.AddEntityAsync(new TableEntity(MessageIds.PartitionOf(corrupt), corrupt) { ["Status"] = "Scheduled", ["DueAt"] = "soon", ["Email"] = "x@example.com" });

        var summary = await harness.AdvanceAndDispatchAsync(TimeSpan.FromHours(1));

        Assert.Equal(1, summary.Sent);
        Assert.Equal(1, summary.Failed);
        var row = (await harness.Tables.Messages.GetEntityAsync<TableEntity>(MessageIds.PartitionOf(corrupt), corrupt)).Value;
        Assert.Equal("Failed", row.GetString("Status"));
        Assert.Contains("could not be read", row.GetString("Reason"), StringComparison.Ordinal);
        Assert.Equal(0, (await harness.AdvanceAndDispatchAsync(TimeSpan.FromHours(1))).Total);
        Assert.Null(await harness.Dispatcher.NextDueAsync());
    }

    private static async Task WaitUntilAsync(Func<bool> condition, TimeSpan atMost)
    {
        for (var waited = TimeSpan.Zero; !condition() && waited < atMost; waited += TimeSpan.FromMilliseconds(10))
        {
            await Task.Delay(TimeSpan.FromMilliseconds(10), TimeProvider.System);
        }
    }
}
