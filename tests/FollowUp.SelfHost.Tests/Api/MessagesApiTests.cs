using System.Net;
using FollowUp.Events;
using FollowUp.Testing;

namespace FollowUp.SelfHost.Tests.Api;

public class MessagesApiTests
{
    [Fact]
    public async Task List_FiltersByCustomerOrderDealAndStatus()
    {
        await using var factory = await SelfHostFactory.CreateAsync();
        using var client = factory.CreateApiClient();
        foreach (var cloudEvent in new[]
        {
            TestEvents.Order(EventTypes.OrderPlaced, "A-1", customerId: "c-1"),
            TestEvents.Order(EventTypes.OrderDelivered, "A-1", customerId: "c-1"),
            TestEvents.Order(EventTypes.OrderPlaced, "B-1", customerId: "c-2"),
            TestEvents.Deal(EventTypes.DealLost, "D-1", customerId: "c-3"),
            TestEvents.Order(EventTypes.OrderReturned, "A-1", customerId: "c-1"),
        })
        {
            await client.SendAsync(HttpMethod.Post, "/api/events", cloudEvent.ToJsonString(), "application/cloudevents+json");
        }

        async Task<string[]> RulesAsync(string query)
        {
            var (response, json) = await client.SendAsync(HttpMethod.Get, "/api/messages?" + query);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return json!["items"]!.AsArray().Select(m => m!["ruleId"]!.GetValue<string>() + "/" + m["subjectId"]!.GetValue<string>()).Order(StringComparer.Ordinal).ToArray();
        }

        Assert.Equal(["review-request/A-1", "thank-you/A-1"], await RulesAsync("customerId=c-1"));
        Assert.Equal(["review-request/A-1", "thank-you/A-1"], await RulesAsync("orderId=A-1"));
        Assert.Equal(["lost-sale-survey/D-1"], await RulesAsync("dealId=D-1"));
        Assert.Equal(["review-request/A-1"], await RulesAsync("status=cancelled"));
        Assert.Equal(["thank-you/A-1"], await RulesAsync("customerId=c-1&status=scheduled"));
        Assert.Equal(4, (await RulesAsync(string.Empty)).Length);
    }

    [Fact]
    public async Task Get_OneMessage_ShowsItsLifeWithReasons()
    {
        await using var factory = await SelfHostFactory.CreateAsync();
        using var client = factory.CreateApiClient();
        var (_, delivered) = await client.SendAsync(HttpMethod.Post, "/api/events", TestEvents.Order(EventTypes.OrderDelivered, "A-1").ToJsonString(), "application/cloudevents+json");
        await client.SendAsync(HttpMethod.Post, "/api/events", TestEvents.Order(EventTypes.OrderCancelled, "A-1").ToJsonString(), "application/cloudevents+json");
        var id = delivered!["scheduled"]![0]!["messageId"]!.GetValue<string>();

        var (response, message) = await client.SendAsync(HttpMethod.Get, "/api/messages/" + id);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("cancelled", message!["status"]!.GetValue<string>());
        Assert.Equal("order.cancelled on order A-1", message["reason"]!.GetValue<string>());
        Assert.Equal(["scheduled", "cancelled"], message["history"]!.AsArray().Select(h => h!["kind"]!.GetValue<string>()));
        Assert.NotNull(message["history"]![1]!["at"]);
    }

    [Theory]
    [InlineData("status=lost", "status")]
    [InlineData("limit=0", "limit")]
    [InlineData("orderId=A&dealId=D", "dealId")]
    public async Task List_BadQuery_Is400NamingTheParameter(string query, string field)
    {
        await using var factory = await SelfHostFactory.CreateAsync();
        using var client = factory.CreateApiClient();

        var (response, problem) = await client.SendAsync(HttpMethod.Get, "/api/messages?" + query);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal([field], ApiClient.ErrorFields(problem));
    }

    [Fact]
    public async Task Get_UnknownMessage_Is404Problem()
    {
        await using var factory = await SelfHostFactory.CreateAsync();
        using var client = factory.CreateApiClient();

        var (response, _) = await client.SendAsync(HttpMethod.Get, "/api/messages/0123456789abcdef0123456789abcdef");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}
