using FollowUp.Events;
using FollowUp.Messages;
using FollowUp.SelfHost.Tests.Api;
using FollowUp.Testing;

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
        var status = await WaitForAsync(client, id, "sent");

        Assert.Equal("sent", status);
        Assert.Equal(id, Assert.Single(factory.SendGrid.Received).MessageId);
    }

    private static async Task<string> StatusAsync(HttpClient client, string id)
    {
        var (_, message) = await client.SendAsync(HttpMethod.Get, "/api/messages/" + id);
        return message!["status"]!.GetValue<string>();
    }

    // The loop runs on its own task; give it a bounded moment of real time to finish the pass the fake clock started.
    private static async Task<string> WaitForAsync(HttpClient client, string id, string expected)
    {
        var status = await StatusAsync(client, id);
        for (var attempt = 0; attempt < 100 && status != expected; attempt++)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(100), TimeProvider.System);
            status = await StatusAsync(client, id);
        }

        return status;
    }
}
