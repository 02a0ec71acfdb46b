using System.Net;
using System.Text.Json.Nodes;
using FollowUp.Testing;

namespace FollowUp.SelfHost.Tests.Api;

/// <summary>Templates can be deleted when no enabled rule sends them (issue 11, part 1, that one point).</summary>
public class TemplateDeleteTests
{
    private static string Template(string subject) => new JsonObject
    {
        ["locales"] = new JsonObject { ["en"] = new JsonObject { ["subject"] = subject, ["html"] = "<p>Hi</p>", ["text"] = "Hi" } },
    }.ToJsonString();

    [Fact]
    public async Task Delete_ATemplateNoRuleSends_Is204AndMadeAgainItGoesOnFromItsVersion()
    {
        await using var factory = await SelfHostFactory.CreateAsync();
        using var api = factory.CreateApiClient();
        await api.SendAsync(HttpMethod.Put, "/api/templates/spare", Template("One"));

        var (deleted, _) = await api.SendAsync(HttpMethod.Delete, "/api/templates/spare");
        var (gone, _) = await api.SendAsync(HttpMethod.Get, "/api/templates/spare");
        var (again, remade) = await api.SendAsync(HttpMethod.Put, "/api/templates/spare", Template("Two"));
        var (_, list) = await api.SendAsync(HttpMethod.Get, "/api/templates");

        Assert.Equal((HttpStatusCode.NoContent, HttpStatusCode.NotFound, HttpStatusCode.Created), (deleted.StatusCode, gone.StatusCode, again.StatusCode));
        Assert.Equal(2, remade!["version"]!.GetValue<int>());
        Assert.Single(list!.AsArray(), t => t!["id"]!.GetValue<string>() == "spare");
    }

    [Fact]
    public async Task Delete_ATemplateAnEnabledRuleSends_Is409NamingTheRuleAndKeepsIt()
    {
        await using var factory = await SelfHostFactory.CreateAsync();
        using var api = factory.CreateApiClient();

        var (response, problem) = await api.SendAsync(HttpMethod.Delete, "/api/templates/review-request");
        var (kept, _) = await api.SendAsync(HttpMethod.Get, "/api/templates/review-request");

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("review-request", problem!["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, kept.StatusCode);
    }

    [Fact]
    public async Task Delete_ATemplateOnlyADisabledRuleSends_IsAllowed()
    {
        await using var factory = await SelfHostFactory.CreateAsync();
        using var api = factory.CreateApiClient();

        var (response, _) = await api.SendAsync(HttpMethod.Delete, "/api/templates/nps-question");

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
    }

    [Fact]
    public async Task Delete_NoSuchTemplate_Is404()
    {
        await using var factory = await SelfHostFactory.CreateAsync();
        using var api = factory.CreateApiClient();

        var (response, _) = await api.SendAsync(HttpMethod.Delete, "/api/templates/no-such-template");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
