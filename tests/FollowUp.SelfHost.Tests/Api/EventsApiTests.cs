using System.Net;
using System.Text.Json.Nodes;
using FollowUp.Events;
using FollowUp.Testing;

namespace FollowUp.SelfHost.Tests.Api;

public class EventsApiTests
{
    [Fact]
    public async Task Post_ValidEvent_Is202WithWhatWasScheduled_AndAReplayIs200Duplicate()
    {
        await using var factory = await SelfHostFactory.CreateAsync();
        using var client = factory.CreateApiClient();
        var body = TestEvents.Order(EventTypes.OrderPlaced, "A-1").ToJsonString();

        var (first, firstJson) = await client.SendAsync(HttpMethod.Post, "/api/events", body, "application/cloudevents+json");
        var (second, secondJson) = await client.SendAsync(HttpMethod.Post, "/api/events", body, "application/cloudevents+json");

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal("accepted", firstJson!["status"]!.GetValue<string>());
        Assert.Equal("thank-you", firstJson["scheduled"]![0]!["ruleId"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal("duplicate", secondJson!["status"]!.GetValue<string>());
        Assert.Equal(firstJson["scheduled"]![0]!["messageId"]!.ToJsonString(), secondJson["scheduled"]![0]!["messageId"]!.ToJsonString());
    }

    [Fact]
    public async Task Post_InvalidEvent_Is400ProblemNamingEachFieldAndStoresNothing()
    {
        await using var factory = await SelfHostFactory.CreateAsync();
        using var client = factory.CreateApiClient();
        var invalid = TestEvents.Order(EventTypes.OrderPlaced, "A-1");
        invalid["data"]!["customer"]!["email"] = "nope";
        invalid["data"]!["order"]!.AsObject().Remove("total");

        var (response, problem) = await client.SendAsync(HttpMethod.Post, "/api/events", invalid.ToJsonString(), "application/cloudevents+json");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(["data.customer.email", "data.order.total"], ApiClient.ErrorFields(problem));
        var (_, messages) = await client.SendAsync(HttpMethod.Get, "/api/messages");
        Assert.Empty(messages!["items"]!.AsArray());
    }

    [Fact]
    public async Task Post_BatchWithOneInvalidEvent_ProcessesTheValidOnesAndReportsEach()
    {
        await using var factory = await SelfHostFactory.CreateAsync();
        using var client = factory.CreateApiClient();
        var invalid = TestEvents.Order(EventTypes.OrderPlaced, "A-2");
        invalid.Remove("id");
        var batch = new JsonArray(TestEvents.Order(EventTypes.OrderPlaced, "A-1"), invalid, TestEvents.Deal(EventTypes.DealLost, "D-1"));

        var (response, json) = await client.SendAsync(HttpMethod.Post, "/api/events", batch.ToJsonString(), "application/cloudevents-batch+json");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, json!["accepted"]!.GetValue<int>());
        Assert.Equal(1, json["invalid"]!.GetValue<int>());
        var results = json["results"]!.AsArray();
        Assert.Equal(["accepted", "invalid", "accepted"], results.Select(r => r!["status"]!.GetValue<string>()));
        Assert.Equal("id", results[1]!["errors"]!.AsObject().Single().Key);
        var (_, messages) = await client.SendAsync(HttpMethod.Get, "/api/messages");
        Assert.Equal(2, messages!["items"]!.AsArray().Count);

        var (replay, replayJson) = await client.SendAsync(HttpMethod.Post, "/api/events", batch.ToJsonString(), "application/cloudevents-batch+json");
        Assert.Equal(HttpStatusCode.OK, replay.StatusCode);
        Assert.Equal(2, replayJson!["duplicate"]!.GetValue<int>());
    }

    [Fact]
    public async Task Post_BatchOfOnlyInvalidEvents_Is400WithIndexedFields()
    {
        await using var factory = await SelfHostFactory.CreateAsync();
        using var client = factory.CreateApiClient();
        var bad = TestEvents.Order(EventTypes.OrderPlaced, "A-1");
        bad["type"] = "order.teleported";

        var (response, problem) = await client.SendAsync(HttpMethod.Post, "/api/events", new JsonArray(bad).ToJsonString(), "application/cloudevents-batch+json");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["[0].type"], ApiClient.ErrorFields(problem));
    }

    [Fact]
    public async Task Post_BinaryModeEvent_IsAccepted()
    {
        await using var factory = await SelfHostFactory.CreateAsync();
        using var client = factory.CreateApiClient();
        var structured = TestEvents.Order(EventTypes.OrderPlaced, "A-1");

        var (response, json) = await client.SendAsync(HttpMethod.Post, "/api/events", structured["data"]!.ToJsonString(), "application/json", request =>
        {
            request.Headers.Add("ce-specversion", "1.0");
            request.Headers.Add("ce-id", "binary-1");
            request.Headers.Add("ce-source", "/shop/orders");
            request.Headers.Add("ce-type", EventTypes.OrderPlaced);
        });

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal("binary-1", json!["id"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("{ not json", "application/cloudevents+json", HttpStatusCode.BadRequest)]
    [InlineData("<event/>", "application/xml", HttpStatusCode.UnsupportedMediaType)]
    [InlineData("[]", "application/cloudevents-batch+json", HttpStatusCode.BadRequest)]
    public async Task Post_MalformedBody_IsAProblem(string body, string contentType, HttpStatusCode expected)
    {
        await using var factory = await SelfHostFactory.CreateAsync();
        using var client = factory.CreateApiClient();

        var (response, problem) = await client.SendAsync(HttpMethod.Post, "/api/events", body, contentType);

        Assert.Equal(expected, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.NotNull(problem!["title"]);
    }
}
