using FollowUp.Events;
using FollowUp.Links;
using FollowUp.Messages;
using FollowUp.Responses;
using FollowUp.Rules;
using FollowUp.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace FollowUp.Core.Tests.Responses;

/// <summary>An unsubscribe stops what the customer chose: marketing, marketing and feedback, or everything.</summary>
public class UnsubscribeScopeTests
{
    private static async Task PromoRuleAsync(PipelineHarness harness) =>
        await harness.Services.GetRequiredService<RuleBook>().SaveAsync(new Rule { Id = "promo", Trigger = EventTypes.OrderDelivered, Delay = "PT3H", TemplateId = "loyalty-reward", Category = MessageCategory.Marketing }, expectedVersion: null);

    private static async Task<(string Review, string Promo)> DeliveredAsync(PipelineHarness harness, string orderId)
    {
        var cloudEvent = TestEvents.Order(EventTypes.OrderDelivered, orderId);
        cloudEvent["data"]!["customer"]!["marketingConsent"] = true;
        var delivered = await harness.IngestAsync(cloudEvent);
        return (delivered.Scheduled.Single(s => s.RuleId == "review-request").MessageId!, delivered.Scheduled.Single(s => s.RuleId == "promo").MessageId!);
    }

    [Fact]
    public async Task MarketingOnly_StopsThePromotionButNotTheReviewRequest()
    {
        await using var harness = await PipelineHarness.CreateAsync();
        await PromoRuleAsync(harness);
        var thankYou = (await harness.IngestAsync(TestEvents.Order(EventTypes.OrderPlaced, "A-1"))).Scheduled.Single(s => s.RuleId == "thank-you").MessageId!;
        var (review, promo) = await DeliveredAsync(harness, "A-1");

        var (_, _, scope) = await harness.Services.GetRequiredService<CustomerResponses>().UnsubscribeAsync(new LinkToken(LinkKind.Unsubscribe, thankYou, null), UnsubscribeScope.Marketing);

        Assert.Equal(UnsubscribeScope.Marketing, scope);
        Assert.Equal("the address has unsubscribed from marketing", (await harness.MessageAsync(promo)).Reason);
        Assert.Equal(MessageStatus.Scheduled, (await harness.MessageAsync(review)).GetStatus());
        Assert.Equal(MessageStatus.Scheduled, (await harness.MessageAsync(thankYou)).GetStatus());
    }

    [Fact]
    public async Task OneClickFromAReviewRequest_StopsMarketingAndFeedbackButLetsOrderNotesThrough()
    {
        await using var harness = await PipelineHarness.CreateAsync();
        await PromoRuleAsync(harness);
        var (review, promo) = await DeliveredAsync(harness, "A-1");

        var (_, _, scope) = await harness.Services.GetRequiredService<CustomerResponses>().UnsubscribeAsync(new LinkToken(LinkKind.Unsubscribe, review, null));
        var later = await harness.IngestAsync(TestEvents.Order(EventTypes.OrderPlaced, "A-2"));

        Assert.Equal(UnsubscribeScope.MarketingAndFeedback, scope);
        Assert.Equal(MessageStatus.Cancelled, (await harness.MessageAsync(review)).GetStatus());
        Assert.Equal(MessageStatus.Cancelled, (await harness.MessageAsync(promo)).GetStatus());
        Assert.Equal(MessageStatus.Scheduled, later.Scheduled.Single(s => s.RuleId == "thank-you").Status);
        Assert.Equal(1, (await harness.AdvanceAndDispatchAsync(TimeSpan.FromHours(1))).Sent);
    }

    [Fact]
    public async Task OneClickConfiguredToStopEverything_StopsOrderNotesToo()
    {
        await using var harness = await PipelineHarness.CreateAsync(settings => settings["FollowUp:OneClickUnsubscribe"] = "Everything");
        var review = (await harness.IngestAsync(TestEvents.Order(EventTypes.OrderDelivered, "A-1"))).Scheduled.Single().MessageId!;

        await harness.Services.GetRequiredService<CustomerResponses>().UnsubscribeAsync(new LinkToken(LinkKind.Unsubscribe, review, null));
        var later = await harness.IngestAsync(TestEvents.Order(EventTypes.OrderPlaced, "A-2"));

        Assert.Equal("the address has unsubscribed from service messages", later.Scheduled.Single(s => s.RuleId == "thank-you").Reason);
    }

    [Fact]
    public async Task NarrowerChoiceAfterAWiderOne_NarrowsNothing()
    {
        await using var harness = await PipelineHarness.CreateAsync();
        var review = (await harness.IngestAsync(TestEvents.Order(EventTypes.OrderDelivered, "A-1"))).Scheduled.Single().MessageId!;
        var responses = harness.Services.GetRequiredService<CustomerResponses>();
        var suppressions = harness.Services.GetRequiredService<Suppressions>();

        var (first, _, _) = await responses.UnsubscribeAsync(new LinkToken(LinkKind.Unsubscribe, review, null), UnsubscribeScope.Everything);
        var (second, _, _) = await responses.UnsubscribeAsync(new LinkToken(LinkKind.Unsubscribe, review, null), UnsubscribeScope.Marketing);

        Assert.Equal((ResponseOutcome.Recorded, ResponseOutcome.AlreadyRecorded), (first, second));
        Assert.Equal(UnsubscribeScope.Everything, await suppressions.ScopeOfAsync("kari@example.com"));
    }

    [Fact]
    public async Task WiderChoiceAfterANarrowerOne_WidensItForEveryInstance()
    {
        await using var harness = await PipelineHarness.CreateAsync();
        await using var other = await PipelineHarness.CreateAsync(s => s["FollowUp:Storage:TablePrefix"] = harness.Settings["FollowUp:Storage:TablePrefix"], seedDefaults: false);
        var review = (await harness.IngestAsync(TestEvents.Order(EventTypes.OrderDelivered, "A-1"))).Scheduled.Single().MessageId!;
        var responses = harness.Services.GetRequiredService<CustomerResponses>();
        await responses.UnsubscribeAsync(new LinkToken(LinkKind.Unsubscribe, review, null), UnsubscribeScope.Marketing);
        Assert.False((await other.Services.GetRequiredService<Suppressions>().CurrentAsync(TimeSpan.Zero)).Stops("kari@example.com", MessageCategory.Feedback));

        var (widened, _, _) = await responses.UnsubscribeAsync(new LinkToken(LinkKind.Unsubscribe, review, null), UnsubscribeScope.MarketingAndFeedback);

        Assert.Equal(ResponseOutcome.Recorded, widened);
        Assert.True((await other.Services.GetRequiredService<Suppressions>().CurrentAsync(TimeSpan.Zero)).Stops("kari@example.com", MessageCategory.Feedback));
    }
}
