using System.Text.Json;
using FollowUp.Events;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace FollowUp.Functions.Tests;

public class RecentEventsFunctionTests
{
    [Fact]
    public async Task ListRecentEvents_AfterAnEvent_GivesItBackAsItsCloudEvent()
    {
        await using var harness = await PipelineHarness.CreateAsync();
        await harness.IngestAsync(TestEvents.Deal(EventTypes.DealLost, "D-1"));
        var functions = ActivatorUtilities.CreateInstance<EventsFunctions>(harness.Services);
        var context = HttpInvocation.Context(harness.Services, HttpMethods.Get, "/api/events/recent");
        context.Request.QueryString = new QueryString("?type=deal.lost");

        var response = await functions.ListRecentEventsAsync(context.Request, CancellationToken.None).ExecuteAsync(context);

        Assert.Equal(StatusCodes.Status200OK, response.StatusCode);
        using var page = JsonDocument.Parse(await response.ReadBodyAsync());
        var item = Assert.Single(page.RootElement.GetProperty("items").EnumerateArray());
        Assert.Equal("deal.lost/D-1", item.GetProperty("event").GetProperty("id").GetString());
    }

    [Fact]
    public async Task ListRecentEvents_AnUnknownType_Is400NamingIt()
    {
        await using var harness = await PipelineHarness.CreateAsync();
        var functions = ActivatorUtilities.CreateInstance<EventsFunctions>(harness.Services);
        var context = HttpInvocation.Context(harness.Services, HttpMethods.Get, "/api/events/recent");
        context.Request.QueryString = new QueryString("?type=order.paid");

        var response = await functions.ListRecentEventsAsync(context.Request, CancellationToken.None).ExecuteAsync(context);

        Assert.Equal(StatusCodes.Status400BadRequest, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.ReadBodyAsync());
        Assert.True(problem.RootElement.GetProperty("errors").TryGetProperty("type", out _));
    }
}
