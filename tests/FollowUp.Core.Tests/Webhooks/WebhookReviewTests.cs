using System.Net;
using Azure;
using Azure.Data.Tables;
using FollowUp.Events;
using FollowUp.Feed;
using FollowUp.Messages;
using FollowUp.Testing;
using FollowUp.Webhooks;
using Microsoft.Extensions.DependencyInjection;

namespace FollowUp.Core.Tests.Webhooks;

/// <summary>Hostile review of outbound webhooks: events delivered twice or to the wrong party, and receivers the guard lets through.</summary>
public class WebhookReviewTests
{
    [Fact]
    public async Task Feed_AMessageChangedBeforeThePassRecordsWhatItPublished_DeliversItsEventOnce()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var interleave = new StorageInterleave();
        await using var harness = await CreateAsync(interleave);
        receiver.Secret = (await SubscribeAsync(harness, receiver.Url, "opened")).Secret;
        var id = (await harness.IngestAsync(TestEvents.Deal(EventTypes.DealLost, "D-1"))).Scheduled.Single().MessageId!;
        await harness.AdvanceAndDispatchAsync(TimeSpan.FromDays(2));
        var now = harness.Time.GetUtcNow();
        await harness.Life.RecordDeliveryAsync(id, "sg-open-1", MessageStatus.Opened, "opened", now);
        await PassAsync(harness);

        // Opened again: nothing new to count, so the pass only publishes it and clears the row's mark. Between the
        // pass's read and that write, the customer clicks (any write to the row will do): the mark's write is refused.
        await harness.Life.RecordDeliveryAsync(id, "sg-open-2", MessageStatus.Opened, "opened", now.AddMinutes(1));
        var messages = harness.Tables.Messages.Name;
        interleave.Arm(
            (method, _, body) => method == "POST" && body.Contains("/" + messages, StringComparison.Ordinal) && body.Contains("\"Feed\":false", StringComparison.Ordinal) && !body.Contains("\"Counted\"", StringComparison.Ordinal),
            other => other.GetTableClient(messages).UpdateEntityAsync(new TableEntity(MessageIds.PartitionOf(id), id) { ["OtherWriter"] = 1 }, ETag.All, TableUpdateMode.Merge));
        await PassAsync(harness);
        await PassAsync(harness);
        await PassAsync(harness);

        Assert.Equal(1, interleave.Made);
        var ids = receiver.Accepted.Select(r => r.Id).ToList();
        Assert.Equal(2, ids.Count);
        Assert.Equal(ids.Distinct(), ids);
    }

    [Fact]
    public async Task Feed_AMessageWrittenBeforeWebhooksExisted_SendsOnlyWhatHappensToItFromNowOn()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var harness = await CreateAsync();
        var id = (await harness.IngestAsync(TestEvents.Deal(EventTypes.DealLost, "D-1"))).Scheduled.Single().MessageId!;
        await harness.AdvanceAndDispatchAsync(TimeSpan.FromDays(2));
        await PassAsync(harness);

        // The row as the version before this one wrote it: counted, with no Published column.
        var row = (await harness.Tables.Messages.GetEntityAsync<TableEntity>(MessageIds.PartitionOf(id), id)).Value;
        Assert.True(row.Remove(nameof(MessageEntity.Published)));
        await harness.Tables.Messages.UpdateEntityAsync(row, row.ETag, TableUpdateMode.Replace);

        // After the upgrade the CRM subscribes to everything; days later the customer opens the mail.
        receiver.Secret = (await SubscribeAsync(harness, receiver.Url, "*")).Secret;
        harness.Time.Advance(TimeSpan.FromDays(3));
        await harness.Life.RecordDeliveryAsync(id, "sg-open-1", MessageStatus.Opened, "opened", harness.Time.GetUtcNow());
        await PassAsync(harness);

        Assert.Equal(["followup.message.opened"], receiver.Accepted.Select(r => r.Type));
    }

    [Fact]
    public async Task Delete_WhileTheSenderRemovesADeliveredEvent_LeavesNothingForASubscriptionMadeLaterUnderTheSameId()
    {
        await using var old = await WebhookReceiver.StartAsync();
        await using var receiver = await WebhookReceiver.StartAsync();
        var interleave = new StorageInterleave();
        await using var harness = await CreateAsync(interleave);
        old.Secret = (await SubscribeAsync(harness, old.Url, "scheduled")).Secret;
        old.Default = HttpStatusCode.ServiceUnavailable;
        await harness.IngestAsync(TestEvents.Deal(EventTypes.DealLost, "D-1"));
        await harness.IngestAsync(TestEvents.Deal(EventTypes.DealLost, "D-2", customerId: "c-2", email: "ola@example.com"));
        await PassAsync(harness);
        Assert.Equal(2, old.Received.Count);

        // DELETE /api/webhooks/crm purges the outbox; meanwhile a sender (another instance) delivers one event and removes it.
        var deliveries = harness.Tables.WebhookDeliveries.Name;
        var first = old.Received[0].Id;
        interleave.Arm(
            (method, _, body) => method == "POST" && body.Contains("/" + deliveries, StringComparison.Ordinal) && body.Contains("DELETE", StringComparison.Ordinal),
            other => other.GetTableClient(deliveries).DeleteEntityAsync("crm", first, ETag.All));
        var subscriptions = harness.Services.GetRequiredService<WebhookSubscriptions>();
        Assert.True(await subscriptions.DeleteAsync("crm"));
        await harness.Services.GetRequiredService<WebhookOutbox>().PurgeAsync("crm");

        // Months later, "crm" is set up again: another receiver, another secret, only answers wanted.
        receiver.Secret = (await SubscribeAsync(harness, receiver.Url, "answered")).Secret;
        harness.Time.Advance(TimeSpan.FromMinutes(1));
        await PassAsync(harness);

        Assert.Equal(1, interleave.Made);
        Assert.Empty(receiver.Received);
    }

    [Fact]
    public async Task WebhookClient_UsesNoProxy_SoTheConnectTimeGuardSeesTheReceiversOwnAddress()
    {
        await using var harness = await PipelineHarness.CreateAsync(seedDefaults: false);
        var handler = harness.Services.GetRequiredService<IHttpMessageHandlerFactory>().CreateHandler(WebhookSender.ClientName);
        while (handler is DelegatingHandler delegating)
        {
            handler = delegating.InnerHandler!;
        }

        // With a proxy (HTTPS_PROXY, as corporate networks set), the ConnectCallback is handed the proxy's address, and
        // the proxy resolves and connects to https://internal.example/ itself: a private receiver is reached.
        var sockets = Assert.IsType<SocketsHttpHandler>(handler);
        Assert.NotNull(sockets.ConnectCallback);
        Assert.False(sockets.UseProxy);
    }

    [Theory]
    [InlineData("168.63.129.16")] // Azure's WireServer and DNS, reachable from every Azure VM and Function host
    [InlineData("64:ff9b::a9fe:a9fe")] // NAT64 of 169.254.169.254 (instance metadata), on an IPv6-only network
    [InlineData("64:ff9b::a00:5")] // NAT64 of 10.0.0.5
    public void IsPrivate_AddressesThatLeadBackIntoTheHostingNetwork_AreRefused(string address) =>
        Assert.True(NetworkGuard.IsPrivate(IPAddress.Parse(address)));

    private static Task<PipelineHarness> CreateAsync(StorageInterleave? interleave = null) => PipelineHarness.CreateAsync(
        settings =>
        {
            settings["FollowUp:Webhooks:AllowHttp"] = "true";
            settings["FollowUp:Webhooks:AllowPrivateNetworks"] = "true";
        },
        services: interleave is null ? null : interleave.InstallIn);

    private static async Task<WebhookSubscription> SubscribeAsync(PipelineHarness harness, string url, params string[] events) =>
        (await harness.Services.GetRequiredService<WebhookSubscriptions>().SaveAsync(new WebhookInput { Url = url, Events = events }, "crm", expectedVersion: null)).Subscription;

    private static Task PassAsync(PipelineHarness harness) => ChangeFeedPass.RunAsync(harness.Services);
}
