using System.Text.Json;
using FollowUp.Messages;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace FollowUp.Functions.Tests;

/// <summary>The suppression list's functions, invoked as the worker invokes them, on Azurite.</summary>
public class SuppressionsFunctionTests
{
    private const string OpsKey = "ops-function-key-0123456789";

    [Fact]
    public async Task PutListDelete_AnAddress_NamesTheFunctionKeysCaller_AndTheListForgetsIt()
    {
        await using var harness = await PipelineHarness.CreateAsync(s => s["FollowUp:ApiKeys:ops"] = OpsKey);
        var functions = ActivatorUtilities.CreateInstance<SuppressionsFunctions>(harness.Services);

        var put = HttpInvocation.Context(harness.Services, HttpMethods.Put, "/api/suppressions/kari@example.com", "application/json", """{"scope":"marketing","reason":"no offers, she said"}""");
        put.Request.Headers["x-functions-key"] = OpsKey;
        var added = await functions.PutSuppressionAsync(put.Request, "kari@example.com", CancellationToken.None).ExecuteAsync(put);

        var list = HttpInvocation.Context(harness.Services, HttpMethods.Get, "/api/suppressions");
        list.Request.QueryString = new QueryString("?q=kari");
        var listed = await functions.ListSuppressionsAsync(list.Request, CancellationToken.None).ExecuteAsync(list);

        var delete = HttpInvocation.Context(harness.Services, HttpMethods.Delete, "/api/suppressions/kari@example.com");
        delete.Request.QueryString = new QueryString("?reason=asked%20again");
        var removed = await functions.DeleteSuppressionAsync(delete.Request, "kari@example.com", CancellationToken.None).ExecuteAsync(delete);

        Assert.Equal(StatusCodes.Status201Created, added.StatusCode);
        using (var body = JsonDocument.Parse(await added.ReadBodyAsync()))
        {
            Assert.Equal("ops", body.RootElement.GetProperty("by").GetString());
        }

        using (var page = JsonDocument.Parse(await listed.ReadBodyAsync()))
        {
            Assert.Equal("marketing", Assert.Single(page.RootElement.GetProperty("items").EnumerateArray()).GetProperty("scope").GetString());
        }

        Assert.Equal(StatusCodes.Status200OK, removed.StatusCode);
        Assert.Null(await harness.Services.GetRequiredService<Suppressions>().ScopeOfAsync("kari@example.com"));
    }

    [Fact]
    public async Task GetSuppression_NotAnAddress_Is400NamingIt()
    {
        await using var harness = await PipelineHarness.CreateAsync();
        var functions = ActivatorUtilities.CreateInstance<SuppressionsFunctions>(harness.Services);
        var context = HttpInvocation.Context(harness.Services, HttpMethods.Get, "/api/suppressions/kari");

        var response = await functions.GetSuppressionAsync(context.Request, "kari", CancellationToken.None).ExecuteAsync(context);

        Assert.Equal(StatusCodes.Status400BadRequest, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.ReadBodyAsync());
        Assert.True(problem.RootElement.GetProperty("errors").TryGetProperty("address", out _));
    }
}
