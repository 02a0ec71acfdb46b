using System.Globalization;
using System.Text.Json.Nodes;
using FollowUp.Events;
using FollowUp.Ingest;
using FollowUp.Messages;
using FollowUp.Testing;

namespace FollowUp.Core.Tests.Defaults;

/// <summary>The default while-you-wait rule: which shipped orders get the note, when, and what stops it.</summary>
public class WhileYouWaitRuleTests
{
    private const string RuleId = "while-you-wait";
    private const string TrackingUrl = "https://sporing.example.com/pakke/370730259304981234";
    private static readonly DateTimeOffset PlacedAt = PipelineHarness.Start;

    // Shipped in the daytime in Oslo, so that two hours later is inside the rule's send window (08:00-21:00).
    [Theory]
    [InlineData(3.0, 1.0, true)]
    [InlineData(5.0, 0.25, true)]
    [InlineData(2.99, 0.5, false)]
    [InlineData(2.0, 0.1, false)]
    public async Task Shipped_DeliveryExpectedDaysAfterThePurchase_IsScheduledTwoHoursAfterTheShipmentFromThreeDaysOn(double expectedDays, double shippedDays, bool scheduled)
    {
        await using var harness = await PipelineHarness.CreateAsync();
        await harness.IngestAsync(TestEvents.Order(EventTypes.OrderPlaced, "A-1", time: PlacedAt));
        var shippedAt = PlacedAt.AddDays(shippedDays);

        var result = await IngestAtAsync(harness, Shipped(shippedAt, expected: PlacedAt.AddDays(expectedDays)));

        if (scheduled)
        {
            var message = Assert.Single(result.Scheduled, s => s.RuleId == RuleId);
            Assert.Equal(MessageStatus.Scheduled, message.Status);
            Assert.Equal(shippedAt.AddHours(2), message.DueAt);
        }
        else
        {
            Assert.DoesNotContain(result.Scheduled, s => s.RuleId == RuleId);
            Assert.StartsWith("condition ", Assert.Single(result.Skipped, s => s.RuleId == RuleId).Reason, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData(3.0, true)]
    [InlineData(2.9, false)]
    public async Task Shipped_NoOrderPlacedReceived_MeasuresTheWaitFromTheShipment(double expectedDays, bool scheduled)
    {
        await using var harness = await PipelineHarness.CreateAsync();

        var result = await IngestAtAsync(harness, Shipped(PlacedAt, expected: PlacedAt.AddDays(expectedDays)));

        Assert.Equal(scheduled, result.Scheduled.Any(s => s.RuleId == RuleId));
    }

    [Fact]
    public async Task Shipped_WithoutExpectedDelivery_TakesTheOneTheOrderPlacedCarried()
    {
        await using var harness = await PipelineHarness.CreateAsync();
        var placed = TestEvents.Order(EventTypes.OrderPlaced, "A-1", time: PlacedAt);
        placed["data"]!["order"]!["expectedDeliveryAt"] = Text(PlacedAt.AddDays(4));
        await harness.IngestAsync(placed);

        var result = await IngestAtAsync(harness, Shipped(PlacedAt.AddDays(1), expected: null));

        Assert.Single(result.Scheduled, s => s.RuleId == RuleId);
    }

    [Theory]
    [InlineData(1.0, null)]
    [InlineData(3.0, 3.5)]
    public async Task Shipped_NoExpectedDeliveryOrLessThanADayLeft_IsSkipped(double shippedDays, double? expectedDays)
    {
        await using var harness = await PipelineHarness.CreateAsync();
        await harness.IngestAsync(TestEvents.Order(EventTypes.OrderPlaced, "A-1", time: PlacedAt));

        var result = await IngestAtAsync(harness, Shipped(PlacedAt.AddDays(shippedDays), expected: expectedDays is { } days ? PlacedAt.AddDays(days) : null));

        Assert.Single(result.Skipped, s => s.RuleId == RuleId);
    }

    [Theory]
    [InlineData(EventTypes.OrderDelivered)]
    [InlineData(EventTypes.OrderCancelled)]
    public async Task PendingNote_OrderDeliveredOrCancelled_CancelsItAndItIsNeverSent(string type)
    {
        await using var harness = await PipelineHarness.CreateAsync();
        await harness.IngestAsync(TestEvents.Order(EventTypes.OrderPlaced, "A-1", time: PlacedAt));
        var shippedAt = PlacedAt.AddDays(1);
        var id = Assert.Single((await IngestAtAsync(harness, Shipped(shippedAt, expected: PlacedAt.AddDays(4)))).Scheduled, s => s.RuleId == RuleId).MessageId!;

        var stop = await IngestAtAsync(harness, TestEvents.Order(type, "A-1", time: shippedAt.AddHours(1)));
        await harness.AdvanceAndDispatchAsync(TimeSpan.FromHours(2));

        Assert.Contains(stop.Cancelled, c => c.MessageId == id);
        Assert.Equal(MessageStatus.Cancelled, (await harness.MessageAsync(id)).GetStatus());
        Assert.DoesNotContain(harness.SendGrid.Accepted, mail => mail.MessageId == id);
    }

    [Fact]
    public async Task Shipped_IsSentTwoHoursLaterWithTheDateCarrierAndTrackingLink()
    {
        await using var harness = await PipelineHarness.CreateAsync();
        await harness.IngestAsync(TestEvents.Order(EventTypes.OrderPlaced, "A-1", time: PlacedAt));
        var id = Assert.Single((await IngestAtAsync(harness, Shipped(PlacedAt.AddDays(1), expected: PlacedAt.AddDays(3)))).Scheduled, s => s.RuleId == RuleId).MessageId!;

        await harness.AdvanceAndDispatchAsync(TimeSpan.FromHours(2) - TimeSpan.FromSeconds(1));
        Assert.DoesNotContain(harness.SendGrid.Accepted, mail => mail.MessageId == id);
        await harness.AdvanceAndDispatchAsync(TimeSpan.FromSeconds(1));

        var mail = Assert.Single(harness.SendGrid.Accepted, mail => mail.MessageId == id);
        Assert.Equal("Bestillingen din er på vei, Kari", mail.Subject);
        var text = mail.Content("text/plain")!;
        Assert.Contains("på vei til deg med Posten.", text, StringComparison.Ordinal);
        Assert.Contains("Forventet levert: torsdag 26. november 2026", text, StringComparison.Ordinal);
        Assert.Contains($"Følg pakken hos Posten: {TrackingUrl}", text, StringComparison.Ordinal);
        Assert.Contains($"<a href=\"{TrackingUrl}\">Følg pakken hos Posten</a>", mail.Content("text/html"), StringComparison.Ordinal);
        Assert.Equal(MessageStatus.Sent, (await harness.MessageAsync(id)).GetStatus());
    }

    private static JsonObject Shipped(DateTimeOffset at, DateTimeOffset? expected)
    {
        var shipped = TestEvents.Order(EventTypes.OrderShipped, "A-1", time: at);
        var order = shipped["data"]!["order"]!;
        order["carrier"] = "Posten";
        order["trackingUrl"] = TrackingUrl;
        if (expected is { } expectedAt)
        {
            order["expectedDeliveryAt"] = Text(expectedAt);
        }

        return shipped;
    }

    /// <summary>Ingests the event with the clock at its time, as a shop sending it at once would.</summary>
    private static async Task<IngestResult> IngestAtAsync(PipelineHarness harness, JsonObject cloudEvent)
    {
        var at = DateTimeOffset.Parse((string)cloudEvent["time"]!, CultureInfo.InvariantCulture);
        if (at > harness.Time.GetUtcNow())
        {
            harness.Time.SetUtcNow(at);
        }

        return await harness.IngestAsync(cloudEvent);
    }

    private static string Text(DateTimeOffset time) => time.ToString("O", CultureInfo.InvariantCulture);
}
