using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace FollowUp.Functions.Tests;

/// <summary>The template test send's function, invoked as the worker invokes it, on Azurite and the fake SendGrid.</summary>
public class TestSendFunctionTests
{
    [Fact]
    public async Task TestSendTemplate_ASavedTemplate_Is202AndSendsATestThroughSendGrid()
    {
        await using var harness = await PipelineHarness.CreateAsync();
        var functions = ActivatorUtilities.CreateInstance<TemplatesFunctions>(harness.Services);
        var context = HttpInvocation.Context(harness.Services, HttpMethods.Post, "/api/templates/thank-you/test-send", "application/json", """{"to":"marit@tebutikken.example","locale":"en"}""");

        var response = await functions.TestSendTemplateAsync(context.Request, "thank-you", CancellationToken.None).ExecuteAsync(context);

        Assert.Equal(StatusCodes.Status202Accepted, response.StatusCode);
        var sent = Assert.Single(harness.SendGrid.Accepted);
        using var result = JsonDocument.Parse(await response.ReadBodyAsync());
        Assert.Equal(sent.Subject, result.RootElement.GetProperty("subject").GetString());
        Assert.StartsWith("[Test] ", sent.Subject, StringComparison.Ordinal);
        Assert.Null(sent.MessageId);
    }

    [Fact]
    public async Task TestSendTemplate_NoAddress_Is400NamingTo()
    {
        await using var harness = await PipelineHarness.CreateAsync();
        var functions = ActivatorUtilities.CreateInstance<TemplatesFunctions>(harness.Services);
        var context = HttpInvocation.Context(harness.Services, HttpMethods.Post, "/api/templates/thank-you/test-send", "application/json", "{}");

        var response = await functions.TestSendTemplateAsync(context.Request, "thank-you", CancellationToken.None).ExecuteAsync(context);

        Assert.Equal(StatusCodes.Status400BadRequest, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.ReadBodyAsync());
        Assert.True(problem.RootElement.GetProperty("errors").TryGetProperty("to", out _));
        Assert.Empty(harness.SendGrid.Received);
    }
}
