using System.Net;
using FollowUp.Events;
using FollowUp.Testing;

namespace FollowUp.SelfHost.Tests.Api;

/// <summary>The newest events taken, for the console's sample data.</summary>
public class RecentEventsApiTests
{
    [Fact]
    public async Task Recent_OfAType_AreTheNewestAsCloudEvents_ReadyToPreviewWith()
    {
        await using var factory = await SelfHostFactory.CreateAsync();
        using var api = factory.CreateApiClient();
        foreach (var (type, order) in new[] { (EventTypes.OrderPlaced, "E-1"), (EventTypes.OrderDelivered, "E-1"), (EventTypes.OrderPlaced, "E-2"), (EventTypes.OrderShipped, "E-2") })
        {
            await api.SendAsync(HttpMethod.Post, "/api/events", TestEvents.Order(type, order).ToJsonString(), "application/cloudevents+json");
            factory.Time.Advance(TimeSpan.FromMinutes(1));
        }

        var (response, page) = await api.SendAsync(HttpMethod.Get, "/api/events/recent?type=order.placed&limit=5");
        var (_, all) = await api.SendAsync(HttpMethod.Get, "/api/events/recent?limit=2");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var items = page!["items"]!.AsArray();
        Assert.Equal(["order.placed/E-2", "order.placed/E-1"], items.Select(i => i!["event"]!["id"]!.GetValue<string>()));
        Assert.Equal(["order.shipped/E-2", "order.placed/E-2"], all!["items"]!.AsArray().Select(i => i!["event"]!["id"]!.GetValue<string>()));
        Assert.Equal(factory.Time.GetUtcNow().AddMinutes(-2), items[0]!["receivedAt"]!.GetValue<DateTimeOffset>());

        // What the list gives, the preview takes as it is.
        var (preview, rendered) = await api.SendAsync(HttpMethod.Post, "/api/templates/thank-you/preview", new System.Text.Json.Nodes.JsonObject { ["event"] = items[0]!["event"]!.DeepClone() }.ToJsonString());
        Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
        Assert.Contains("E-2", rendered!["text"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Recent_NoEventsKept_IsAnEmptyList()
    {
        await using var factory = await SelfHostFactory.CreateAsync();
        using var api = factory.CreateApiClient();

        var (response, page) = await api.SendAsync(HttpMethod.Get, "/api/events/recent");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(page!["items"]!.AsArray());
    }
}
