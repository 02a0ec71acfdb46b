using System.Text.Json;
using FollowUp.Alerts;
using FollowUp.Events;
using FollowUp.Messages;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace FollowUp.Functions.Tests;

/// <summary>The alert list's functions, invoked as the worker invokes them, on Azurite.</summary>
public class AlertsFunctionTests
{
    [Fact]
    public async Task ListThenResolve_AnAlertRaised_IsOpenThenResolvedByTheFunctionKeysName()
    {
        await using var harness = await PipelineHarness.CreateAsync(s => s["FollowUp:ApiKeys:sales"] = "sales-function-key-0123456789");
        var at = harness.Time.GetUtcNow();
        var id = MessageIds.For(at, MessageIds.Hash("lost-sale-survey", SubjectKind.Deal, "c-9", "D-1"));
        await harness.Services.GetRequiredService<AlertOutbox>().RaiseAsync(
            new MessageEntity { RowKey = id, RuleId = "lost-sale-survey", CustomerId = "c-9", SubjectKind = nameof(SubjectKind.Deal), SubjectId = "D-1", Answer = "service", AnsweredAt = at, AnsweredIndex = 4 },
            "the answer 'service', one rule lost-sale-survey alerts on",
            "Service");
        var functions = ActivatorUtilities.CreateInstance<AlertsFunctions>(harness.Services);

        var list = HttpInvocation.Context(harness.Services, HttpMethods.Get, "/api/alerts");
        list.Request.QueryString = new QueryString("?status=open");
        var listed = await functions.ListAlertsAsync(list.Request, CancellationToken.None).ExecuteAsync(list);
        var resolve = HttpInvocation.Context(harness.Services, HttpMethods.Post, $"/api/alerts/{id}/resolve", "application/json", """{"note":"called"}""");
        resolve.Request.Headers["x-functions-key"] = "sales-function-key-0123456789";
        var resolved = await functions.ResolveAlertAsync(resolve.Request, id, CancellationToken.None).ExecuteAsync(resolve);

        using (var page = JsonDocument.Parse(await listed.ReadBodyAsync()))
        {
            Assert.Equal(id, Assert.Single(page.RootElement.GetProperty("items").EnumerateArray()).GetProperty("messageId").GetString());
        }

        Assert.Equal(StatusCodes.Status200OK, resolved.StatusCode);
        using var alert = JsonDocument.Parse(await resolved.ReadBodyAsync());
        Assert.Equal(("resolved", "sales"), (alert.RootElement.GetProperty("status").GetString(), alert.RootElement.GetProperty("resolvedBy").GetString()));
    }
}
