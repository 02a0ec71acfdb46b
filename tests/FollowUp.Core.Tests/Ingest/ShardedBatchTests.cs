using System.Text.Json;
using System.Text.Json.Nodes;
using FollowUp.Events;
using FollowUp.Ingest;
using FollowUp.Messages;
using FollowUp.Rules;
using FollowUp.Testing;
using FollowUp.Validation;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace FollowUp.Core.Tests.Ingest;

/// <summary>
/// Guarantees of batched, sharded ingest, each written during a hostile review of it; each test's summary names the way
/// it was once broken.
/// </summary>
public class ShardedBatchTests(ITestOutputHelper output)
{
    /// <summary>
    /// README: a deal whose survey a reopen cancelled gets no second survey when it is lost again. In ONE batch the
    /// second deal.lost plans the same message id as the first (found on the head), so WriteMessagesAsync submits
    /// the same RowKey twice in one Messages transaction.
    /// </summary>
    [Fact]
    public async Task IngestBatchAsync_LostReopenedLostInOneBatch_AllAcceptedAndSurveyCancelled()
    {
        await using var harness = await PipelineHarness.CreateAsync();
        var t = PipelineHarness.Start.AddHours(-3);
        var outcomes = await harness.Ingestor.IngestBatchAsync(Parse(
        [
            TestEvents.Deal(EventTypes.DealLost, "D-1", time: t, eventId: "lost-1"),
            TestEvents.Deal(EventTypes.DealReopened, "D-1", time: t.AddHours(1), eventId: "reopened-1"),
            TestEvents.Deal(EventTypes.DealLost, "D-1", time: t.AddHours(2), eventId: "lost-2"),
            TestEvents.Order(EventTypes.OrderPlaced, "UNRELATED", customerId: "someone-else"),
        ]));

        for (var i = 0; i < outcomes.Count; i++)
        {
            output.WriteLine($"{i}: {outcomes[i].Result?.Status} {outcomes[i].Failure?.GetType().Name} {outcomes[i].Failure?.Message} {JsonSerializer.Serialize(outcomes[i].Result)}");
        }

        Assert.All(outcomes, o => Assert.Null(o.Failure));
        var survey = outcomes[0].Result!.Scheduled.Single().MessageId!;
        Assert.Equal(MessageStatus.Cancelled, (await harness.MessageAsync(survey)).GetStatus());
    }

    /// <summary>The same order placed twice under two event ids (two sources) in one batch: one message, both accepted.</summary>
    [Fact]
    public async Task IngestBatchAsync_SameOrderPlacedUnderTwoEventIds_BothAcceptedOneMessage()
    {
        await using var harness = await PipelineHarness.CreateAsync();
        var outcomes = await harness.Ingestor.IngestBatchAsync(Parse(
        [
            TestEvents.Order(EventTypes.OrderPlaced, "A-1", eventId: "shop/1"),
            TestEvents.Order(EventTypes.OrderPlaced, "A-1", eventId: "erp/1"),
            TestEvents.Order(EventTypes.OrderPlaced, "B-1", customerId: "bystander"),
        ]));

        for (var i = 0; i < outcomes.Count; i++)
        {
            output.WriteLine($"{i}: {outcomes[i].Result?.Status} {outcomes[i].Failure?.GetType().Name} {outcomes[i].Failure?.Message}");
        }

        Assert.All(outcomes, o => Assert.Null(o.Failure));
        Assert.Equal(outcomes[0].Result!.Scheduled.Single().MessageId, outcomes[1].Result!.Scheduled.Single().MessageId);
    }

    /// <summary>
    /// README: a batch's items stand alone. One event whose rules make more pointer rows than a transaction holds
    /// makes CustomerRecords.Actions throw InvalidOperationException for the whole round (not per event).
    /// </summary>
    [Fact]
    public async Task IngestBatchAsync_OneEventTooBigForATransaction_DoesNotCostTheOthers()
    {
        await using var harness = await PipelineHarness.CreateAsync();
        var rules = harness.Services.GetRequiredService<RuleBook>();
        for (var n = 0; n < 99; n++)
        {
            await rules.SaveAsync(new Rule { Id = $"many-{n:D3}", Trigger = EventTypes.OrderShipped, Delay = "PT1H", TemplateId = "thank-you" }, expectedVersion: null);
        }

        IReadOnlyList<IngestOutcome>? outcomes = null;
        var thrown = await Record.ExceptionAsync(async () => outcomes = await harness.Ingestor.IngestBatchAsync(Parse(
        [
            TestEvents.Order(EventTypes.OrderShipped, "BIG", customerId: "big"),
            TestEvents.Order(EventTypes.OrderPlaced, "OK-1", customerId: "bystander-1"),
            TestEvents.Order(EventTypes.OrderPlaced, "OK-2", customerId: "bystander-2"),
        ])));

        output.WriteLine(thrown?.ToString() ?? "no exception");
        Assert.Null(thrown);
        Assert.NotNull(outcomes![0].Failure);
        Assert.Null(outcomes[1].Failure);
        Assert.Null(outcomes[2].Failure);
    }

    private static FollowUpEvent[] Parse(IEnumerable<JsonObject> events) => [.. events.Select(PipelineHarness.Parse)];
}
