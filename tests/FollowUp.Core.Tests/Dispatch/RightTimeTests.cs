using FollowUp.Dispatch;
using FollowUp.Events;
using FollowUp.Messages;
using FollowUp.Rules;
using FollowUp.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace FollowUp.Core.Tests.Dispatch;

/// <summary>
/// Send windows, expiry, event age and consent, end to end through ingest, storage and dispatch. The harness starts on
/// Monday 23 Nov 2026 at 08:00 UTC (09:00 in Oslo, the customers' zone).
/// </summary>
public class RightTimeTests
{
    private static RuleBook Rules(PipelineHarness harness) => harness.Services.GetRequiredService<RuleBook>();

    private static async Task<Rule> SaveAsync(PipelineHarness harness, Rule rule) =>
        (await Rules(harness).SaveAsync(rule, expectedVersion: null)).Rule;

    private static Rule Promo => new()
    {
        Id = "promo",
        Trigger = EventTypes.OrderPlaced,
        Delay = "PT1H",
        TemplateId = "thank-you",
        Category = MessageCategory.Marketing,
    };

    [Fact]
    public async Task ReviewRequest_DueLateSaturdayEvening_IsSentAtNineOnSundayWithTheDeferralInItsLedger()
    {
        await using var harness = await PipelineHarness.CreateAsync();
        harness.Time.Advance(TimeSpan.FromHours(12.5)); // Monday 21:30 in Oslo

        var delivered = await harness.IngestAsync(TestEvents.Order(EventTypes.OrderDelivered, "A-1"));
        var id = delivered.Scheduled.Single().MessageId!;

        var message = await harness.MessageAsync(id);
        Assert.Equal(new DateTimeOffset(2026, 11, 29, 8, 0, 0, TimeSpan.Zero), message.DueAt);
        Assert.Equal(new DateTimeOffset(2026, 11, 28, 20, 30, 0, TimeSpan.Zero), message.IntendedAt);
        var deferred = message.GetHistory().Single(e => e.Kind == MessageEventKind.Deferred);
        Assert.Equal("deferred to Sun 29 Nov 09:00 Europe/Oslo: outside the send window (every day 09:00–20:00, not on public holidays)", deferred.Detail);

        await harness.AdvanceAndDispatchAsync(new DateTimeOffset(2026, 11, 29, 7, 59, 0, TimeSpan.Zero) - harness.Time.GetUtcNow());
        Assert.Empty(harness.SendGrid.Accepted);
        Assert.Equal(1, (await harness.AdvanceAndDispatchAsync(TimeSpan.FromMinutes(1))).Sent);
    }

    [Fact]
    public async Task Schedule_ExpiresBeforeTheWindowOpens_IsBornCancelledAsExpired()
    {
        await using var harness = await PipelineHarness.CreateAsync();
        await SaveAsync(harness, Promo with
        {
            Id = "night-note",
            Category = MessageCategory.Service,
            SendWindow = new RuleSendWindow { Days = RuleSendWindow.DayNames, From = "09:00", To = "20:00" },
            ExpiresAfter = "PT2H",
        });
        harness.Time.Advance(TimeSpan.FromHours(12.5)); // 21:30 in Oslo: due 22:30, the window opens at 09:00

        var placed = await harness.IngestAsync(TestEvents.Order(EventTypes.OrderPlaced, "A-1"));

        var note = placed.Scheduled.Single(s => s.RuleId == "night-note");
        Assert.Equal(MessageStatus.Cancelled, note.Status);
        Assert.StartsWith("expired: not sent within PT2H of its due time (expiresAfter); it would have been deferred to Tue 24 Nov 09:00 Europe/Oslo", note.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dispatch_RetriesPastExpiresAfter_CancelsAsExpiredInsteadOfSendingLate()
    {
        await using var harness = await PipelineHarness.CreateAsync(settings => settings["FollowUp:Dispatch:RetryBaseDelay"] = "00:20:00");
        await SaveAsync(harness, Promo with { Id = "quick", Category = MessageCategory.Service, Delay = "PT0S", ExpiresAfter = "PT30M" });
        var id = (await harness.IngestAsync(TestEvents.Order(EventTypes.OrderPlaced, "A-1"))).Scheduled.Single(s => s.RuleId == "quick").MessageId!;
        harness.SendGrid.Default = FakeSendGridResponse.ServerError;

        Assert.Equal(1, (await harness.AdvanceAndDispatchAsync(TimeSpan.Zero)).Retrying);
        await harness.AdvanceAndDispatchAsync(TimeSpan.FromMinutes(25)); // second attempt fails too; the third would be past 30 min
        var summary = await harness.AdvanceAndDispatchAsync(TimeSpan.FromMinutes(60)); // past the second wait (40 to 48 min)

        Assert.Equal(1, summary.Cancelled);
        var message = await harness.MessageAsync(id);
        Assert.Equal(MessageStatus.Cancelled, message.GetStatus());
        Assert.StartsWith("expired: not sent by 2026-11-23 08:30 UTC", message.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ingest_EventOlderThanMaxEventAge_SchedulesNoThankYouAndSaysWhy()
    {
        await using var harness = await PipelineHarness.CreateAsync();

        var backfilled = await harness.IngestAsync(TestEvents.Order(EventTypes.OrderPlaced, "OLD-1", time: PipelineHarness.Start.AddDays(-30)));

        Assert.DoesNotContain(backfilled.Scheduled, s => s.RuleId == "thank-you");
        Assert.Equal("the event happened 30 days ago; this rule takes events up to P2D old (maxEventAge)", backfilled.Skipped.Single(s => s.RuleId == "thank-you").Reason);
    }

    [Fact]
    public async Task Ingest_MarketingToACustomerWhoSaidNo_SchedulesNothingAndSaysWhy()
    {
        await using var harness = await PipelineHarness.CreateAsync();
        await SaveAsync(harness, Promo);
        var placed = TestEvents.Order(EventTypes.OrderPlaced, "A-1");
        placed["data"]!["customer"]!["marketingConsent"] = false;

        var result = await harness.IngestAsync(placed);

        Assert.Contains("said no to marketing", result.Skipped.Single(s => s.RuleId == "promo").Reason, StringComparison.Ordinal);
        Assert.Contains(result.Scheduled, s => s.RuleId == "thank-you");
    }

    [Fact]
    public async Task Ingest_MarketingWithUnknownConsent_GoesToCustomersButNotToProspects()
    {
        await using var harness = await PipelineHarness.CreateAsync();
        await SaveAsync(harness, Promo);
        await SaveAsync(harness, Promo with { Id = "prospect-promo", Trigger = EventTypes.DealLost, TemplateId = "lost-sale-survey" });

        var customer = await harness.IngestAsync(TestEvents.Order(EventTypes.OrderPlaced, "A-1", customerId: "buyer"));
        var prospect = await harness.IngestAsync(TestEvents.Deal(EventTypes.DealLost, "D-1", customerId: "prospect"));

        Assert.Contains(customer.Scheduled, s => s.RuleId == "promo");
        Assert.Contains("never gave marketing consent", prospect.Skipped.Single(s => s.RuleId == "prospect-promo").Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ingest_ConsentRequiredByConfiguration_OnlyAnExplicitYesGetsMarketing()
    {
        await using var harness = await PipelineHarness.CreateAsync(settings => settings["FollowUp:UnknownMarketingConsent"] = "Denied");
        await SaveAsync(harness, Promo);
        var yes = TestEvents.Order(EventTypes.OrderPlaced, "B-1", customerId: "yes");
        yes["data"]!["customer"]!["marketingConsent"] = true;

        var unknown = await harness.IngestAsync(TestEvents.Order(EventTypes.OrderPlaced, "A-1", customerId: "unknown"));
        var granted = await harness.IngestAsync(yes);

        Assert.Contains(unknown.Skipped, s => s.RuleId == "promo");
        Assert.Contains(granted.Scheduled, s => s.RuleId == "promo");
    }

    [Fact]
    public async Task Dispatch_WindowAddedAfterScheduling_DefersAtDueTimeWithTheReason()
    {
        await using var harness = await PipelineHarness.CreateAsync();
        var rule = await SaveAsync(harness, Promo with { Id = "later-window", Category = MessageCategory.Service });
        var id = (await harness.IngestAsync(TestEvents.Order(EventTypes.OrderPlaced, "A-1"))).Scheduled.Single(s => s.RuleId == "later-window").MessageId!;
        await SaveAsync(harness, rule with { SendWindow = new RuleSendWindow { Days = ["tue"], From = "12:00", To = "13:00" } });

        var summary = await harness.AdvanceAndDispatchAsync(TimeSpan.FromHours(1));

        Assert.Equal(1, summary.Deferred);
        var message = await harness.MessageAsync(id);
        Assert.Equal(MessageStatus.Scheduled, message.GetStatus());
        Assert.Equal(new DateTimeOffset(2026, 11, 24, 11, 0, 0, TimeSpan.Zero), message.DueAt);
        Assert.Equal("deferred to Tue 24 Nov 12:00 Europe/Oslo: outside the send window (Tue 12:00–13:00)", message.GetHistory()[^1].Detail);
        Assert.Equal(1, (await harness.AdvanceAndDispatchAsync(new DateTimeOffset(2026, 11, 24, 11, 0, 0, TimeSpan.Zero) - harness.Time.GetUtcNow())).Sent);
    }
}
