using System.Net;
using System.Text.Json.Nodes;
using FollowUp.Events;

namespace FollowUp.SelfHost.Tests.Api;

public class RuleEditsTests
{
    private static readonly int[] ConflictStatuses = [409, 412, 428];

    private static string Body(string condition = "order.total > 5000", string delay = "P1D") => new JsonObject
    {
        ["trigger"] = "order.placed",
        ["condition"] = condition,
        ["delay"] = delay,
        ["templateId"] = "thank-you",
        ["cancelOn"] = new JsonArray("order.cancelled"),
    }.ToJsonString();

    [Fact]
    public async Task Put_SameNewRuleConcurrently_OneIs201AndTheOthersAreConflictsNever500()
    {
        await using var factory = await SelfHostFactory.CreateAsync();
        using var client = factory.CreateApiClient();

        var responses = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => client.SendAsync(HttpMethod.Put, "/api/rules/race", Body())));

        var statuses = responses.Select(r => (int)r.Response.StatusCode).ToList();
        Assert.Single(statuses, s => s == 201);
        Assert.All(statuses.Where(s => s != 201), s => Assert.Contains(s, ConflictStatuses));
        Assert.All(responses.Where(r => (int)r.Response.StatusCode != 201), r => Assert.Equal("application/problem+json", r.Response.Content.Headers.ContentType?.MediaType));
        var (_, stored) = await client.SendAsync(HttpMethod.Get, "/api/rules/race");
        Assert.Equal(1, stored!["version"]!.GetValue<int>());
    }

    [Fact]
    public async Task Put_SameNewTemplateConcurrently_OneIs201AndTheOthersAreConflictsNever500()
    {
        await using var factory = await SelfHostFactory.CreateAsync();
        using var client = factory.CreateApiClient();
        var template = """{"locales":{"en":{"subject":"Hi","html":"<p>Hi</p>","text":"Hi"}}}""";

        var responses = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => client.SendAsync(HttpMethod.Put, "/api/templates/race", template)));

        var statuses = responses.Select(r => (int)r.Response.StatusCode).ToList();
        Assert.Single(statuses, s => s == 201);
        Assert.All(statuses.Where(s => s != 201), s => Assert.Contains(s, ConflictStatuses));
    }

    [Theory]
    [InlineData(null, HttpStatusCode.PreconditionRequired)]
    [InlineData("\"v0\"", HttpStatusCode.PreconditionFailed)]
    [InlineData("\"v9\"", HttpStatusCode.PreconditionFailed)]
    [InlineData("\"vabc\"", HttpStatusCode.BadRequest)]
    [InlineData("W/\"v1\"", HttpStatusCode.BadRequest)]
    [InlineData("v1", HttpStatusCode.BadRequest)]
    [InlineData("\"v1\", \"v2\"", HttpStatusCode.BadRequest)]
    [InlineData("\"v1\"", HttpStatusCode.OK)]
    [InlineData("*", HttpStatusCode.OK)]
    public async Task Put_ExistingRule_NeedsAWellFormedCurrentIfMatch(string? ifMatch, HttpStatusCode expected)
    {
        await using var factory = await SelfHostFactory.CreateAsync();
        using var client = factory.CreateApiClient();

        var (response, body) = await client.SendAsync(HttpMethod.Put, "/api/rules/thank-you", Body(delay: "PT3H"), configure: request =>
        {
            if (ifMatch is not null)
            {
                request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
            }
        });
        var (_, stored) = await client.SendAsync(HttpMethod.Get, "/api/rules/thank-you");

        Assert.Equal(expected, response.StatusCode);
        Assert.Equal(expected == HttpStatusCode.OK ? "PT3H" : "PT1H", stored!["delay"]!.GetValue<string>());
        if (expected == HttpStatusCode.BadRequest)
        {
            Assert.Equal(["If-Match"], ApiClient.ErrorFields(body));
        }
    }

    [Theory]
    [InlineData("template_id")]
    [InlineData("cancel_on")]
    [InlineData("Trigger2")]
    public async Task Put_UnknownProperty_Is400NamingIt(string property)
    {
        await using var factory = await SelfHostFactory.CreateAsync();
        using var client = factory.CreateApiClient();
        var body = JsonNode.Parse(Body())!.AsObject();
        body[property] = "thank-you";

        var (response, problem) = await client.SendAsync(HttpMethod.Put, "/api/rules/new-one", body.ToJsonString());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal([property], ApiClient.ErrorFields(problem));
        Assert.Equal("is not a known field", problem!["errors"]![property]![0]!.GetValue<string>());
    }

    [Fact]
    public async Task Put_RuleDeletedAndCreatedAgain_UsesTheNewCondition()
    {
        await using var factory = await SelfHostFactory.CreateAsync();
        using var client = factory.CreateApiClient();
        await client.SendAsync(HttpMethod.Put, "/api/rules/big", Body(condition: "order.total > 100000"));
        var before = await PostAsync(client, TestEvents.Order(EventTypes.OrderPlaced, "A-1", total: 2000m));

        await client.SendAsync(HttpMethod.Delete, "/api/rules/big");
        await client.SendAsync(HttpMethod.Put, "/api/rules/big", Body(condition: "order.total > 1000"));
        var after = await PostAsync(client, TestEvents.Order(EventTypes.OrderPlaced, "A-2", total: 2000m));

        Assert.Contains(before!["skipped"]!.AsArray(), s => s!["ruleId"]!.GetValue<string>() == "big");
        Assert.Contains(after!["scheduled"]!.AsArray(), s => s!["ruleId"]!.GetValue<string>() == "big");
    }

    [Fact]
    public async Task Put_WithAnETagReadBeforeADeleteAndRecreate_Is412()
    {
        await using var factory = await SelfHostFactory.CreateAsync();
        using var client = factory.CreateApiClient();
        var (read, _) = await client.SendAsync(HttpMethod.Get, "/api/rules/thank-you");
        var staleTag = read.Headers.ETag!.Tag;

        await client.SendAsync(HttpMethod.Delete, "/api/rules/thank-you");
        var (recreated, body) = await client.SendAsync(HttpMethod.Put, "/api/rules/thank-you", Body());
        var (overwrite, _) = await client.SendAsync(HttpMethod.Put, "/api/rules/thank-you", Body(delay: "PT9H"), configure: r => r.Headers.TryAddWithoutValidation("If-Match", staleTag));

        Assert.Equal(HttpStatusCode.Created, recreated.StatusCode);
        Assert.NotEqual(staleTag, recreated.Headers.ETag!.Tag);
        Assert.Equal(2, body!["version"]!.GetValue<int>());
        Assert.Equal(HttpStatusCode.PreconditionFailed, overwrite.StatusCode);
    }

    [Fact]
    public async Task PostEvents_ConditionWithCatastrophicRegex_SkipsThatRuleWithTheReasonAndSchedulesTheRest()
    {
        await using var factory = await SelfHostFactory.CreateAsync();
        using var client = factory.CreateApiClient();

        // Harmless on the sample event (so it can be saved), catastrophic on an order whose SKU is long.
        var condition = "(order.lines[0].sku | regex.match '^(A+)+$') != null";
        var (saved, _) = await client.SendAsync(HttpMethod.Put, "/api/rules/slow", Body(condition: condition));
        var placed = TestEvents.Order(EventTypes.OrderPlaced, "A-1");
        placed["data"]!["order"]!["lines"]![0]!["sku"] = new string('A', 40) + "!";
        var result = await PostAsync(client, placed);

        Assert.Equal(HttpStatusCode.Created, saved.StatusCode);
        var skipped = Assert.Single(result!["skipped"]!.AsArray(), s => s!["ruleId"]!.GetValue<string>() == "slow");
        Assert.Contains("regular expression", skipped!["reason"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains(result["scheduled"]!.AsArray(), s => s!["ruleId"]!.GetValue<string>() == "thank-you");
    }

    private static async Task<JsonNode?> PostAsync(HttpClient client, JsonObject cloudEvent)
    {
        var (response, body) = await client.SendAsync(HttpMethod.Post, "/api/events", cloudEvent.ToJsonString(), "application/cloudevents+json");
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return body;
    }
}
