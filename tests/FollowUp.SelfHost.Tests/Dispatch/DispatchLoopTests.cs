using Azure.Data.Tables;
using FollowUp.Events;
using FollowUp.Messages;
using FollowUp.SelfHost.Tests.Api;
using FollowUp.Storage;
using FollowUp.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace FollowUp.SelfHost.Tests.Dispatch;

public class DispatchLoopTests
{
    [Fact]
    public async Task Loop_WhenTheClockReachesTheDueTime_SendsWithoutBeingAsked()
    {
        await using var factory = await SelfHostFactory.CreateAsync(runDispatchLoop: true);
        using var client = factory.CreateApiClient();
        var (_, placed) = await client.SendAsync(HttpMethod.Post, "/api/events", TestEvents.Order(EventTypes.OrderPlaced, "A-1").ToJsonString(), "application/cloudevents+json");
        var id = placed!["scheduled"]![0]!["messageId"]!.GetValue<string>();

        factory.Time.Advance(TimeSpan.FromMinutes(30));
        Assert.Equal("scheduled", await StatusAsync(client, id));
        Assert.Empty(factory.SendGrid.Received);

        factory.Time.Advance(TimeSpan.FromMinutes(30));
        var status = await WaitForAsync(client, id, "sent", clock: factory.Time);

        Assert.Equal("sent", status);
        Assert.Equal(id, Assert.Single(factory.SendGrid.Received).MessageId);
    }

    [Fact]
    public async Task Loop_MessagesScheduledForLater_DoNotWakeItForAPassEach()
    {
        var storage = new StorageFaults();
        await using var factory = await SelfHostFactory.CreateAsync(runDispatchLoop: true, services: storage.InstallIn);
        using var client = factory.CreateApiClient();
        await client.SendAsync(HttpMethod.Post, "/api/events", TestEvents.Order(EventTypes.OrderPlaced, "warm", customerId: "warm").ToJsonString(), "application/cloudevents+json");
        await Task.Delay(TimeSpan.FromMilliseconds(300), TimeProvider.System);

        var before = storage.RequestsTo("Schedule", "GET");
        for (var n = 0; n < 20; n++)
        {
            await client.SendAsync(HttpMethod.Post, "/api/events", TestEvents.Order(EventTypes.OrderPlaced, $"A-{n}", customerId: $"c-{n}").ToJsonString(), "application/cloudevents+json");
        }

        await Task.Delay(TimeSpan.FromMilliseconds(300), TimeProvider.System);

        // Each is due in an hour, later than the loop's next look: no pass reads the directory meanwhile.
        Assert.Equal(before, storage.RequestsTo("Schedule", "GET"));
    }

    [Fact]
    public async Task Loop_CorruptMessageRowDue_KeepsSendingEveryOtherMessage()
    {
        await using var factory = await SelfHostFactory.CreateAsync(runDispatchLoop: true);
        using var client = factory.CreateApiClient();
        var tables = factory.Services.GetRequiredService<FollowUpTables>();
        var (_, placed) = await client.SendAsync(HttpMethod.Post, "/api/events", TestEvents.Order(EventTypes.OrderPlaced, "A-1").ToJsonString(), "application/cloudevents+json");
        var first = placed!["scheduled"]![0]!["messageId"]!.GetValue<string>();

        // A row in the same partition that cannot be read as a message (its due time is not a time).
        var corrupt = first[..^1] + (first[^1] == '0' ? '1' : '0');
        await tables.Messages.AddEntityAsync(new TableEntity(MessageIds.PartitionOf(corrupt), corrupt) { ["Status"] = "Scheduled", ["DueAt"] = "soon" });

        factory.Time.Advance(TimeSpan.FromHours(1));
        Assert.Equal("sent", await WaitForAsync(client, first, "sent"));

        // The corrupt row was failed with its reason; the loop keeps going.
        var (_, later) = await client.SendAsync(HttpMethod.Post, "/api/events", TestEvents.Order(EventTypes.OrderPlaced, "A-2", customerId: "c-2").ToJsonString(), "application/cloudevents+json");
        var second = later!["scheduled"]![0]!["messageId"]!.GetValue<string>();
        for (var step = 0; step < 8 && await StatusAsync(client, second) != "sent"; step++)
        {
            factory.Time.Advance(TimeSpan.FromMinutes(30));
            await WaitForAsync(client, second, "sent", attempts: 10);
        }

        Assert.Equal("sent", await StatusAsync(client, second));
        Assert.Equal(2, factory.SendGrid.Accepted.Count);
    }

    private static async Task<string> StatusAsync(HttpClient client, string id)
    {
        var (_, message) = await client.SendAsync(HttpMethod.Get, "/api/messages/" + id);
        return message!["status"]!.GetValue<string>();
    }

    // The loop runs on its own task; give it a bounded moment of real time to finish the pass the fake clock started.
    // Time goes on meanwhile, a second per look, as it does for a real loop: a jump of the fake clock that lands
    // between the loop working out its sleep and starting it would otherwise leave it asleep for good.
    private static async Task<string> WaitForAsync(HttpClient client, string id, string expected, int attempts = 100, FakeTimeProvider? clock = null)
    {
        var status = await StatusAsync(client, id);
        for (var attempt = 0; attempt < attempts && status != expected; attempt++)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(100), TimeProvider.System);
            clock?.Advance(TimeSpan.FromSeconds(1));
            status = await StatusAsync(client, id);
        }

        return status;
    }
}
