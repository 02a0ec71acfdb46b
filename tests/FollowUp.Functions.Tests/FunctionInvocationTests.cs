using System.Text.Json;
using FollowUp.Dispatch;
using FollowUp.Events;
using FollowUp.Http;
using FollowUp.Messages;
using FollowUp.Testing;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace FollowUp.Functions.Tests;

/// <summary>The function classes built from the core's services (as the worker's activator builds them) and invoked.</summary>
public class FunctionInvocationTests
{
    [Fact]
    public async Task FunctionClasses_FromFollowUpServices_AreConstructible()
    {
        await using var harness = await PipelineHarness.CreateAsync();

        Assert.NotEmpty(FunctionCatalog.Classes);
        Assert.All(FunctionCatalog.Classes, type => Assert.NotNull(ActivatorUtilities.CreateInstance(harness.Services, type)));
    }

    [Fact]
    public async Task PostEvents_StructuredCloudEvent_Returns202AndSchedulesMessage()
    {
        await using var harness = await PipelineHarness.CreateAsync();

        var (response, messageId) = await PostOrderPlacedAsync(harness, "F-1");

        Assert.Equal(StatusCodes.Status202Accepted, response.StatusCode);
        var message = await harness.Ledger.FindAsync(messageId);
        Assert.NotNull(message);
        Assert.Equal(nameof(MessageStatus.Scheduled), message.Status);
    }

    [Fact]
    public async Task Dispatch_TimerThenQueue_SendsEachDueMessageOnce()
    {
        await using var harness = await PipelineHarness.CreateAsync();
        var (_, first) = await PostOrderPlacedAsync(harness, "F-1");
        var (_, second) = await PostOrderPlacedAsync(harness, "F-2");
        var dispatch = ActivatorUtilities.CreateInstance<DispatchFunction>(harness.Services);

        Assert.Empty(await dispatch.DispatchAsync(new TimerInfo(), CancellationToken.None));

        harness.Time.Advance(TimeSpan.FromHours(2));
        var queued = await dispatch.DispatchAsync(new TimerInfo(), CancellationToken.None);
        foreach (var message in queued)
        {
            await dispatch.DispatchBatchAsync(message, CancellationToken.None);
        }

        Assert.NotEmpty(queued);
        Assert.Equal(new[] { first, second }.Order(StringComparer.Ordinal), harness.SendGrid.Accepted.Select(mail => mail.MessageId!).Order(StringComparer.Ordinal));
        Assert.Equal(nameof(MessageStatus.Sent), (await harness.MessageAsync(first)).Status);
        Assert.Equal(nameof(MessageStatus.Sent), (await harness.MessageAsync(second)).Status);
        Assert.Empty(await dispatch.DispatchAsync(new TimerInfo(), CancellationToken.None));
    }

    [Fact]
    public async Task DispatchBatch_SameMessageDeliveredTwice_SendsOnce()
    {
        // A Storage queue delivers at least once: a message whose function outlived its visibility comes back.
        await using var harness = await PipelineHarness.CreateAsync();
        var (_, messageId) = await PostOrderPlacedAsync(harness, "F-1");
        var dispatch = ActivatorUtilities.CreateInstance<DispatchFunction>(harness.Services);
        harness.Time.Advance(TimeSpan.FromHours(2));

        var queued = Assert.Single(await dispatch.DispatchAsync(new TimerInfo(), CancellationToken.None));
        await dispatch.DispatchBatchAsync(queued, CancellationToken.None);
        await dispatch.DispatchBatchAsync(queued, CancellationToken.None);

        var sent = Assert.Single(harness.SendGrid.Received);
        Assert.Equal(messageId, sent.MessageId);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not json")]
    [InlineData("""{"partition":"0","ids":[]}""")]
    [InlineData("""{"partition":"0","ids":["not-a-message-id"]}""")]
    public async Task DispatchBatch_MalformedMessage_IsDroppedWithoutThrowing(string message)
    {
        await using var harness = await PipelineHarness.CreateAsync();
        var dispatch = ActivatorUtilities.CreateInstance<DispatchFunction>(harness.Services);

        await dispatch.DispatchBatchAsync(message, CancellationToken.None);

        Assert.Empty(harness.SendGrid.Received);
    }

    [Fact]
    public async Task Dispatch_BatchNeverRun_IsHandedOutAgainAfterTheLease()
    {
        // The batch's message went to the poison queue, or its instance vanished: the work it stood for is still due.
        await using var harness = await PipelineHarness.CreateAsync();
        var (_, messageId) = await PostOrderPlacedAsync(harness, "F-1");
        var dispatch = ActivatorUtilities.CreateInstance<DispatchFunction>(harness.Services);
        var lease = harness.Services.GetRequiredService<IOptions<DispatchOptions>>().Value.HandOutLease;
        harness.Time.Advance(TimeSpan.FromHours(2));

        var lost = Assert.Single(await dispatch.DispatchAsync(new TimerInfo(), CancellationToken.None));
        Assert.Empty(await dispatch.DispatchAsync(new TimerInfo(), CancellationToken.None));

        harness.Time.Advance(lease + TimeSpan.FromSeconds(1));
        var again = Assert.Single(await dispatch.DispatchAsync(new TimerInfo(), CancellationToken.None));
        await dispatch.DispatchBatchAsync(again, CancellationToken.None);

        Assert.Equal(DispatchBatch.Parse(lost)!.Ids, DispatchBatch.Parse(again)!.Ids);
        var sent = Assert.Single(harness.SendGrid.Accepted);
        Assert.Equal(messageId, sent.MessageId);
        Assert.Equal(nameof(MessageStatus.Sent), (await harness.MessageAsync(messageId)).Status);
    }

    [Fact]
    public async Task PostEvents_MalformedJson_Returns400ProblemDetails()
    {
        await using var harness = await PipelineHarness.CreateAsync();
        var events = ActivatorUtilities.CreateInstance<EventsFunctions>(harness.Services);
        var context = HttpInvocation.Context(harness.Services, HttpMethods.Post, "/" + FollowUpRoutes.Events, EventsApi.StructuredContentType, """{ "specversion": "1.0", """);

        var response = await events.PostEventsAsync(context.Request, CancellationToken.None).ExecuteAsync(context);

        Assert.Equal(StatusCodes.Status400BadRequest, response.StatusCode);
        Assert.StartsWith("application/problem+json", response.ContentType, StringComparison.Ordinal);
        using var problem = JsonDocument.Parse(await response.ReadBodyAsync());
        Assert.True(problem.RootElement.GetProperty("errors").TryGetProperty("body", out _));
    }

    [Fact]
    public async Task GetRule_DefaultRule_Returns200WithVersionETag()
    {
        await using var harness = await PipelineHarness.CreateAsync();
        var rules = ActivatorUtilities.CreateInstance<RulesFunctions>(harness.Services);
        var context = HttpInvocation.Context(harness.Services, HttpMethods.Get, "/api/rules/thank-you");

        var response = await rules.GetRuleAsync(context.Request, "thank-you", CancellationToken.None).ExecuteAsync(context);

        Assert.Equal(StatusCodes.Status200OK, response.StatusCode);
        Assert.Equal(ApiResults.ETagFor(1), response.Headers.ETag.ToString());
        using var rule = JsonDocument.Parse(await response.ReadBodyAsync());
        Assert.Equal("thank-you", rule.RootElement.GetProperty("id").GetString());
    }

    [Fact]
    public async Task Answer_InvalidToken_Returns400ProblemDetails()
    {
        await using var harness = await PipelineHarness.CreateAsync();
        var links = ActivatorUtilities.CreateInstance<LinksFunctions>(harness.Services);
        var context = HttpInvocation.Context(harness.Services, HttpMethods.Get, "/r/not-a-signed-token");

        var response = await links.AnswerAsync(context.Request, "not-a-signed-token", CancellationToken.None).ExecuteAsync(context);

        Assert.Equal(StatusCodes.Status400BadRequest, response.StatusCode);
        Assert.StartsWith("application/problem+json", response.ContentType, StringComparison.Ordinal);
    }

    private static async Task<(HttpResponse Response, string MessageId)> PostOrderPlacedAsync(PipelineHarness harness, string orderId)
    {
        var events = ActivatorUtilities.CreateInstance<EventsFunctions>(harness.Services);
        var body = TestEvents.Order(EventTypes.OrderPlaced, orderId).ToJsonString();
        var context = HttpInvocation.Context(harness.Services, HttpMethods.Post, "/" + FollowUpRoutes.Events, EventsApi.StructuredContentType, body);

        var response = await events.PostEventsAsync(context.Request, CancellationToken.None).ExecuteAsync(context);

        using var result = JsonDocument.Parse(await response.ReadBodyAsync());
        var scheduled = Assert.Single(result.RootElement.GetProperty("scheduled").EnumerateArray());
        return (response, scheduled.GetProperty("messageId").GetString()!);
    }
}
