using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using FollowUp.Events;
using FollowUp.OpenApi;

namespace FollowUp.SelfHost.Tests.OpenApi;

/// <summary>The repository's <c>schemas/followup-event.schema.json</c> and <c>examples/</c>, against each other and the API.</summary>
public class EventExamplesTests
{
    public static TheoryData<string> Examples => new(JsonSchemas.ExampleFiles.Select(Path.GetFileName)!);

    [Fact]
    public void Examples_CoverEveryTypeLanguageAndShape()
    {
        var events = JsonSchemas.ExampleFiles.Select(file => JsonNode.Parse(File.ReadAllText(file))!).ToList();
        var languages = events.Select(e => ((string)e["data"]!["customer"]!["locale"]!).Split('-')[0]).ToHashSet(StringComparer.Ordinal);

        Assert.Equal(EventTypes.All.Order(StringComparer.Ordinal), events.Select(e => (string)e["type"]!).Order(StringComparer.Ordinal));
        Assert.Superset(new HashSet<string>(["nb", "nn", "da", "sv", "en"], StringComparer.Ordinal), languages);
        Assert.Contains(events, e => e["data"]!["order"]?["lines"] is JsonArray { Count: > 1 });
        Assert.Contains(events, e => (string?)e["type"] == EventTypes.DealLost && e["data"]!["deal"]!["owner"]?["email"] is not null);
    }

    [Fact]
    public void Examples_AreTheOnesTheApiDescriptionEmbeds()
    {
        Assert.Equal(
            JsonSchemas.ExampleFiles.ToDictionary(file => Path.GetFileNameWithoutExtension(file), File.ReadAllText, StringComparer.Ordinal),
            ContractResources.ExampleEvents);
        Assert.Equal(File.ReadAllText(JsonSchemas.EventSchemaPath), ContractResources.EventSchema);
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public async Task Example_ValidatesAgainstTheEventSchema(string file)
    {
        var schema = await JsonSchemas.EventSchemaAsync();

        var errors = JsonSchemas.Errors(schema, JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(JsonSchemas.Root, "examples", file)))!);

        Assert.Empty(errors);
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public async Task Example_PostedToTheSelfHost_IsAcceptedOnce(string file)
    {
        await using var factory = await SelfHostFactory.CreateAsync();
        using var client = factory.CreateApiClient();
        var body = await File.ReadAllTextAsync(Path.Combine(JsonSchemas.Root, "examples", file));

        using var first = await client.PostAsync(new Uri("/api/events", UriKind.Relative), new StringContent(body, Encoding.UTF8, "application/cloudevents+json"));
        using var again = await client.PostAsync(new Uri("/api/events", UriKind.Relative), new StringContent(body, Encoding.UTF8, "application/cloudevents+json"));

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal("duplicate", (string?)JsonNode.Parse(await again.Content.ReadAsStringAsync())!["status"]);
    }

    [Theory]
    [InlineData("no email", "order.placed", "data.customer", "email", null)]
    [InlineData("an unknown type", "order.placed", "", "type", "order.lost")]
    [InlineData("a placed order without lines", "order.placed", "data.order", "lines", null)]
    [InlineData("a currency in small letters", "order.placed", "data.order", "currency", "nok")]
    [InlineData("a time without an offset", "order.placed", "", "time", "2026-11-20 18:42")]
    [InlineData("a deal without an id", "deal.lost", "data.deal", "id", null)]
    [InlineData("an amount without a currency", "deal.lost", "data.deal", "currency", null)]
    [InlineData("a quantity of zero", "order.placed", "data.order.lines[0]", "quantity", 0)]
    public async Task Schema_RefusesWhatTheApiRefuses(string what, string example, string path, string field, object? value)
    {
        var schema = await JsonSchemas.EventSchemaAsync();
        var cloudEvent = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(JsonSchemas.Root, "examples", example + ".json")))!;
        var parent = path.Length == 0 ? cloudEvent : path.Split('.').Aggregate(cloudEvent, (node, part) => part.EndsWith(']') ? node[part[..part.IndexOf('[')]]![int.Parse(part[(part.IndexOf('[') + 1)..^1], System.Globalization.CultureInfo.InvariantCulture)]! : node[part]!);
        if (value is null)
        {
            parent.AsObject().Remove(field);
        }
        else
        {
            parent[field] = JsonValue.Create(value);
        }

        await using var factory = await SelfHostFactory.CreateAsync();
        using var client = factory.CreateApiClient();
        using var response = await client.PostAsync(new Uri("/api/events", UriKind.Relative), new StringContent(cloudEvent.ToJsonString(), Encoding.UTF8, "application/cloudevents+json"));

        Assert.True(JsonSchemas.Errors(schema, cloudEvent).Count > 0, $"The schema takes {what}.");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Schema_RefusesAnOrderEventCarryingADeal()
    {
        var schema = await JsonSchemas.EventSchemaAsync();
        var shipped = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(JsonSchemas.Root, "examples", "order.shipped.json")))!;
        shipped["data"]!["deal"] = new JsonObject { ["id"] = "88213" };

        Assert.NotEmpty(JsonSchemas.Errors(schema, shipped));
    }
}
