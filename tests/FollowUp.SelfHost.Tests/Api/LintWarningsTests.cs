using System.Net;
using System.Text.Json.Nodes;

namespace FollowUp.SelfHost.Tests.Api;

public class LintWarningsTests
{
    private static JsonObject Greeting(string html) => new()
    {
        ["locales"] = new JsonObject { ["en"] = new JsonObject { ["subject"] = "Hello", ["html"] = html, ["text"] = "Hello" } },
    };

    [Fact]
    public async Task TemplateSave_WithAMisspelledName_SavesAndWarnsWhereAndWhatWasMeant()
    {
        await using var factory = await SelfHostFactory.CreateAsync();
        using var client = factory.CreateApiClient();

        var (response, saved) = await client.SendAsync(HttpMethod.Put, "/api/templates/greeting", Greeting("<p>Hi</p>\n<p>{{ customer.frist_name }}</p>").ToJsonString());

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var warning = Assert.Single(saved!["warnings"]!.AsArray())!;
        Assert.Equal("locales.en.html", warning["field"]!.GetValue<string>());
        Assert.Equal((2, 16), (warning["line"]!.GetValue<int>(), warning["column"]!.GetValue<int>()));
        Assert.Equal("first_name", warning["suggestion"]!.GetValue<string>());
        Assert.Contains("`customer.frist_name`", warning["message"]!.GetValue<string>(), StringComparison.Ordinal);

        // Warnings answer the save; they are not part of the template.
        var (_, read) = await client.SendAsync(HttpMethod.Get, "/api/templates/greeting");
        Assert.Null(read!["warnings"]);
    }

    [Fact]
    public async Task Preview_WarnsToo()
    {
        await using var factory = await SelfHostFactory.CreateAsync();
        using var client = factory.CreateApiClient();
        var body = new JsonObject { ["locale"] = "en", ["template"] = Greeting("{{ order.totl | money order.currency }}") };

        var (response, preview) = await client.SendAsync(HttpMethod.Post, "/api/templates/greeting/preview", body.ToJsonString());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("total", preview!["warnings"]![0]!["suggestion"]!.GetValue<string>());
    }

    [Fact]
    public async Task RuleSave_WithAMisspelledConditionName_SavesAndWarns()
    {
        await using var factory = await SelfHostFactory.CreateAsync();
        using var client = factory.CreateApiClient();
        var rule = new JsonObject { ["trigger"] = "order.placed", ["delay"] = "PT1H", ["templateId"] = "thank-you", ["category"] = "service", ["condition"] = "customer.order_cuont >= 3" };

        var (response, saved) = await client.SendAsync(HttpMethod.Put, "/api/rules/third-order", rule.ToJsonString());

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var warning = Assert.Single(saved!["warnings"]!.AsArray())!;
        Assert.Equal(("condition", "order_count"), (warning["field"]!.GetValue<string>(), warning["suggestion"]!.GetValue<string>()));
        var (_, read) = await client.SendAsync(HttpMethod.Get, "/api/rules/third-order");
        Assert.Null(read!["warnings"]);
    }

    [Fact]
    public async Task DefaultTemplates_SaveWithoutWarnings()
    {
        await using var factory = await SelfHostFactory.CreateAsync();
        using var client = factory.CreateApiClient();
        var (_, template) = await client.SendAsync(HttpMethod.Get, "/api/templates/review-request");

        var (response, saved) = await client.SendAsync(HttpMethod.Put, "/api/templates/review-request", template!.ToJsonString(), configure: r => r.Headers.TryAddWithoutValidation("If-Match", "\"v1\""));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Null(saved!["warnings"]);
    }
}
