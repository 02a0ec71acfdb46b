using FollowUp.Messages;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using FollowUp.Events;
using FollowUp.SelfHost.Tests.Api;
using FollowUp.Storage;
using static FollowUp.SelfHost.Tests.Hostile.HostileJson;

namespace FollowUp.SelfHost.Tests.Hostile;

/// <summary>
/// The other side of the hostile cases: input that looks dangerous but is valid must work. Ids that break table keys
/// when stored raw, and any valid Unicode, are accepted, stored and found again; a poison item costs a batch only itself.
/// </summary>
public sealed class HostileAcceptedInputTests(HostileHost host) : IClassFixture<HostileHost>
{
    private static readonly Dictionary<string, string> Characters = new(StringComparer.Ordinal)
    {
        ["slash"] = "/",
        ["backslash"] = "\\",
        ["hash"] = "#",
        ["question-mark"] = "?",
        ["percent"] = "%",
        ["percent-escape"] = "%2F",
        ["pipe"] = "|",
        ["tilde-escape"] = "~41",
        ["quote"] = "'\"",
        ["nul"] = "\0",
        ["control"] = "\u0007\u001b",
        ["rtl-override"] = "\u202Egnp.exe",
        ["zero-width"] = "\u200B\u200D\uFEFF",
        ["emoji"] = "🦄👩‍👩‍👧",
        ["cjk"] = "订单",
        ["combining"] = "e\u0301",
        ["noncharacter"] = "\uFFFF",
        ["dot-dot"] = "../..",
        ["spaces"] = "  padded  ",
    };

    public static TheoryData<string> CharacterNames => [.. Characters.Keys];

    [Theory]
    [MemberData(nameof(CharacterNames))]
    public async Task PostEvents_IdsWithKeyBreakingOrUnusualCharacters_AreAcceptedStoredAndFoundAgain(string name)
    {
        var c = Characters[name];
        var (eventId, customerId, orderId) = ($"ev{c}{name}", $"cust{c}{name}", $"order{c}{name}");
        var cloudEvent = TestEvents.Order(EventTypes.OrderPlaced, orderId, customerId: customerId, eventId: eventId);

        var (first, result) = await host.Api.SendAsync(HttpMethod.Post, "/api/events", cloudEvent.ToJsonString(), "application/cloudevents+json");
        var (replay, replayed) = await host.Api.SendAsync(HttpMethod.Post, "/api/events", cloudEvent.ToJsonString(), "application/cloudevents+json");
        var (_, list) = await host.Api.SendAsync(HttpMethod.Get, $"/api/messages?customerId={Uri.EscapeDataString(customerId)}&orderId={Uri.EscapeDataString(orderId)}");

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal(eventId, result!["id"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, replay.StatusCode);
        Assert.Equal("duplicate", replayed!["status"]!.GetValue<string>());
        var message = Assert.Single(list!["items"]!.AsArray())!;
        Assert.Equal(customerId, message["customerId"]!.GetValue<string>());
        Assert.Equal(orderId, message["subjectId"]!.GetValue<string>());
        Assert.Contains(await KeysAsync(host.Tables.Events), key => TableKey.Decode(key.RowKey) == eventId);
        Assert.Contains(await KeysAsync(host.Tables.Customers), key => (key.PartitionKey, key.RowKey) == CustomerRecords.ProfileKey(customerId));
    }

    [Fact]
    public async Task PostEvents_IdsAtTheKeyLimit_AreAccepted()
    {
        var cloudEvent = Order()
            .With("id", new string('e', EventParser.MaxKeyLength))
            .With("data.customer.id", string.Concat(Enumerable.Repeat("订", EventParser.MaxKeyLength / 9)))
            .With("data.order.id", string.Concat(Enumerable.Repeat("🦄", EventParser.MaxKeyLength / 12)));

        var (response, _) = await host.Api.SendAsync(HttpMethod.Post, "/api/events", cloudEvent.ToJsonString(), "application/cloudevents+json");

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    [Fact]
    public async Task PostEvents_TinyPositiveTotal_IsAccepted()
    {
        var cloudEvent = Order().With("data.order.total", Marker).SpliceValue("1e-30");

        var (response, _) = await host.Api.SendAsync(HttpMethod.Post, "/api/events", cloudEvent, "application/cloudevents+json");

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    [Fact]
    public async Task PostEvents_BatchWithOnePoisonItem_TakesTheOthersAndStoresNothingOfThePoison()
    {
        var poison = Order().With("data.customer.email", "nope").With("data.customer.name", Marker);
        var poisonCustomer = poison["data"]!["customer"]!["id"]!.GetValue<string>();
        var (good1, good2, good3) = (Order(), Deal(), Order(EventTypes.OrderDelivered));
        var batch = $"[{good1.ToJsonString()},{good2.ToJsonString()},{poison.Splice("\\ud800")},{good3.ToJsonString()}]";

        var (response, json) = await host.Api.SendAsync(HttpMethod.Post, "/api/events", batch, "application/cloudevents-batch+json");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(3, json!["accepted"]!.GetValue<int>());
        Assert.Equal(1, json["invalid"]!.GetValue<int>());
        var results = json["results"]!.AsArray();
        Assert.Equal(["accepted", "accepted", "invalid", "accepted"], results.Select(r => r!["status"]!.GetValue<string>()));
        Assert.Equal(["data.customer.name"], ApiClient.ErrorFields(results[2]));
        Assert.True(Encoding.UTF8.GetByteCount(json.ToJsonString()) < HostileHost.MaxAnswerBytes);
        var customers = await KeysAsync(host.Tables.Customers);
        Assert.Contains(customers, key => (key.PartitionKey, key.RowKey) == CustomerRecords.ProfileKey(good1["data"]!["customer"]!["id"]!.GetValue<string>()));
        Assert.DoesNotContain(customers, key => (key.PartitionKey, key.RowKey) == CustomerRecords.ProfileKey(poisonCustomer));
    }

    [Fact]
    public async Task PostEvents_BatchOfValidEventsAndManyInvalidOnes_AnswersEveryItem()
    {
        var items = Enumerable.Range(0, 499).Select(_ => Order().With("type", "order.teleported").ToJsonString()).Append(Order().ToJsonString());

        var (response, json) = await host.Api.SendAsync(HttpMethod.Post, "/api/events", "[" + string.Join(",", items) + "]", "application/cloudevents-batch+json");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, json!["accepted"]!.GetValue<int>());
        Assert.Equal(499, json["invalid"]!.GetValue<int>());
        Assert.Equal(500, json["results"]!.AsArray().Count);
    }

    private static async Task<List<(string PartitionKey, string RowKey)>> KeysAsync(TableClient table)
    {
        var keys = new List<(string, string)>();
        await foreach (var entity in table.QueryAsync<TableEntity>(select: ["PartitionKey", "RowKey"]))
        {
            keys.Add((entity.PartitionKey, entity.RowKey));
        }

        return keys;
    }
}
