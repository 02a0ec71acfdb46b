using System.Net;
using System.Text.Json.Nodes;

namespace FollowUp.SelfHost.Tests.Api;

public class RulesApiTests
{
    [Fact]
    public async Task Get_OnFirstStart_HasTheDefaultRulesWithTheNpsQuestionOff()
    {
        await using var factory = await SelfHostFactory.CreateAsync();
        using var client = factory.CreateApiClient();

        var (response, json) = await client.SendAsync(HttpMethod.Get, "/api/rules");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(
            ["lost-sale-survey", "loyalty-reward", "nps-question", "review-request", "thank-you", "while-you-wait"],
            json!.AsArray().Select(r => r!["id"]!.GetValue<string>()));
        Assert.Equal(["nps-question"], json.AsArray().Where(r => !r!["enabled"]!.GetValue<bool>()).Select(r => r!["id"]!.GetValue<string>()));
        var review = json.AsArray().Single(r => r!["id"]!.GetValue<string>() == "review-request")!;
        Assert.Equal("P5D", review["delay"]!.GetValue<string>());
        Assert.Equal(["order.returned", "order.cancelled"], review["cancelOn"]!.AsArray().Select(c => c!.GetValue<string>()));
    }

    [Fact]
    public async Task Put_NewRule_Is201ThenGetHasItWithAVersionETag()
    {
        await using var factory = await SelfHostFactory.CreateAsync();
        using var client = factory.CreateApiClient();
        var rule = new JsonObject
        {
            ["trigger"] = "order.placed",
            ["condition"] = "order.total > 5000",
            ["delay"] = "P1D",
            ["templateId"] = "thank-you",
            ["cancelOn"] = new JsonArray("order.cancelled"),
        };

        var (created, _) = await client.SendAsync(HttpMethod.Put, "/api/rules/big-spender", rule.ToJsonString());
        var (fetched, json) = await client.SendAsync(HttpMethod.Get, "/api/rules/big-spender");

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.OK, fetched.StatusCode);
        Assert.Equal("\"v1\"", fetched.Headers.ETag?.Tag);
        Assert.Equal("order.total > 5000", json!["condition"]!.GetValue<string>());
        Assert.Equal(1, json["version"]!.GetValue<int>());

        var (stale, _) = await client.SendAsync(HttpMethod.Put, "/api/rules/big-spender", rule.ToJsonString(), configure: r => r.Headers.TryAddWithoutValidation("If-Match", "\"v0\""));
        var (current, updated) = await client.SendAsync(HttpMethod.Put, "/api/rules/big-spender", rule.ToJsonString(), configure: r => r.Headers.TryAddWithoutValidation("If-Match", "\"v1\""));
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        Assert.Equal(HttpStatusCode.OK, current.StatusCode);
        Assert.Equal(2, updated!["version"]!.GetValue<int>());
    }

    [Fact]
    public async Task Put_InvalidRule_Is400NamingTheFieldsAndChangesNothing()
    {
        await using var factory = await SelfHostFactory.CreateAsync();
        using var client = factory.CreateApiClient();
        var rule = new JsonObject
        {
            ["trigger"] = "order.placed",
            ["condition"] = "customer.order_count ==",
            ["delay"] = "P1M",
            ["templateId"] = "no-such-template",
        };

        var (response, problem) = await client.SendAsync(HttpMethod.Put, "/api/rules/thank-you", rule.ToJsonString());
        var (_, unchanged) = await client.SendAsync(HttpMethod.Get, "/api/rules/thank-you");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["condition", "delay", "templateId"], ApiClient.ErrorFields(problem));
        Assert.StartsWith("line 1, column ", problem!["errors"]!["condition"]![0]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("PT1H", unchanged!["delay"]!.GetValue<string>());
    }

    [Fact]
    public async Task Put_WrongJsonType_Is400NamingTheField()
    {
        await using var factory = await SelfHostFactory.CreateAsync();
        using var client = factory.CreateApiClient();

        var (response, problem) = await client.SendAsync(HttpMethod.Put, "/api/rules/x", """{"trigger":"order.placed","delay":"PT1H","templateId":"thank-you","enabled":"yes"}""");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["enabled"], ApiClient.ErrorFields(problem));
    }

    [Fact]
    public async Task Delete_ExistingThenAgain_Is204Then404()
    {
        await using var factory = await SelfHostFactory.CreateAsync();
        using var client = factory.CreateApiClient();

        var (first, _) = await client.SendAsync(HttpMethod.Delete, "/api/rules/loyalty-reward");
        var (second, problem) = await client.SendAsync(HttpMethod.Delete, "/api/rules/loyalty-reward");

        Assert.Equal(HttpStatusCode.NoContent, first.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, second.StatusCode);
        Assert.Equal("application/problem+json", second.Content.Headers.ContentType?.MediaType);
        Assert.NotNull(problem);
    }
}
