using FollowUp.Events;
using FollowUp.Messages;
using FollowUp.Testing;

namespace FollowUp.Core.Tests.Dispatch;

/// <summary>Each default rule, from event to the email SendGrid received and the ledger's record of it.</summary>
public class DefaultRulesEndToEndTests
{
    [Fact]
    public async Task ThankYou_OrderPlaced_IsSentAfterAnHourInBokmal()
    {
        await using var harness = await PipelineHarness.CreateAsync();
        var id = (await harness.IngestAsync(TestEvents.Order(EventTypes.OrderPlaced, "A-1", time: PipelineHarness.Start))).Scheduled.Single().MessageId!;

        Assert.Equal(0, (await harness.AdvanceAndDispatchAsync(TimeSpan.FromMinutes(59))).Sent);
        Assert.Equal(1, (await harness.AdvanceAndDispatchAsync(TimeSpan.FromMinutes(1))).Sent);

        var mail = Assert.Single(harness.SendGrid.Accepted);
        Assert.Equal(id, mail.MessageId);
        Assert.Equal("kari@example.com", mail.To);
        Assert.Equal("Takk for bestillingen, Kari!", mail.Subject);
        Assert.Contains("Oolong-te", mail.Content("text/html"), StringComparison.Ordinal);
        Assert.Contains("Totalt: kr 1 498,00", mail.Content("text/plain")!.Replace('\u00a0', ' '), StringComparison.Ordinal);
        Assert.StartsWith($"<{PipelineHarness.PublicBaseUrl}/u/", mail.Header("List-Unsubscribe"), StringComparison.Ordinal);
        Assert.Equal("List-Unsubscribe=One-Click", mail.Header("List-Unsubscribe-Post"));
        Assert.Null(mail.ReplyTo);

        var message = await harness.MessageAsync(id);
        Assert.Equal(MessageStatus.Sent, message.GetStatus());
        Assert.Equal(mail.ProviderMessageId, message.ProviderMessageId);
        Assert.Equal(PipelineHarness.Start.AddHours(1), message.SentAt);
        Assert.Equal("nb", message.RenderedLocale);
        Assert.Equal([MessageEventKind.Scheduled, MessageEventKind.Claimed, MessageEventKind.Sent], message.GetHistory().Select(e => e.Kind));
    }

    [Fact]
    public async Task ReviewRequest_OrderDelivered_IsSentAfterFiveDaysWithRatingLinks()
    {
        await using var harness = await PipelineHarness.CreateAsync();
        var id = (await harness.IngestAsync(TestEvents.Order(EventTypes.OrderDelivered, "A-1", locale: "en-GB", time: PipelineHarness.Start))).Scheduled.Single().MessageId!;

        Assert.Equal(0, (await harness.AdvanceAndDispatchAsync(TimeSpan.FromDays(5) - TimeSpan.FromSeconds(1))).Sent);
        Assert.Equal(1, (await harness.AdvanceAndDispatchAsync(TimeSpan.FromSeconds(1))).Sent);

        var mail = Assert.Single(harness.SendGrid.Accepted);
        Assert.Equal("How is your order working out, Kari?", mail.Subject);
        var text = mail.Content("text/plain")!;
        Assert.Equal(5, text.Split($"{PipelineHarness.PublicBaseUrl}/r/").Length - 1);
        Assert.Equal(MessageStatus.Sent, (await harness.MessageAsync(id)).GetStatus());
    }

    [Fact]
    public async Task LoyaltyReward_ThirdOrder_IsSentWithItsCouponCode()
    {
        await using var harness = await PipelineHarness.CreateAsync();
        for (var n = 1; n <= 3; n++)
        {
            await harness.IngestAsync(TestEvents.Order(EventTypes.OrderPlaced, $"A-{n}", time: PipelineHarness.Start));
        }

        // The three thank-yous first; the reward waits a day for the cap of three messages a day.
        await harness.AdvanceAndDispatchAsync(TimeSpan.FromHours(2));
        await harness.AdvanceAndDispatchAsync(TimeSpan.FromDays(1));

        var loyalty = Assert.Single(harness.SendGrid.Accepted, mail => mail.Subject!.StartsWith("En liten takk", StringComparison.Ordinal));
        var message = await harness.MessageAsync(loyalty.MessageId!);
        Assert.Equal("loyalty-reward", message.RuleId);
        Assert.Contains(message.CouponCode!, loyalty.Content("text/plain"), StringComparison.Ordinal);
        Assert.Contains(message.CouponCode!, loyalty.Content("text/html"), StringComparison.Ordinal);
        Assert.Contains("3. gang", loyalty.Content("text/plain"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task LostSaleSurvey_DealLost_IsSentAfterTwoDaysFromTheOwnerWithSixReasons()
    {
        await using var harness = await PipelineHarness.CreateAsync();
        var id = (await harness.IngestAsync(TestEvents.Deal(EventTypes.DealLost, "D-1", time: PipelineHarness.Start))).Scheduled.Single().MessageId!;

        Assert.Equal(0, (await harness.AdvanceAndDispatchAsync(TimeSpan.FromDays(2) - TimeSpan.FromMinutes(1))).Sent);
        Assert.Equal(1, (await harness.AdvanceAndDispatchAsync(TimeSpan.FromMinutes(1))).Sent);

        var mail = Assert.Single(harness.SendGrid.Accepted);
        Assert.Equal(id, mail.MessageId);
        Assert.Equal("Et kort spørsmål om Møbler til 40 arbeidsplasser", mail.Subject);
        var text = mail.Content("text/plain")!;
        Assert.Equal(6, text.Split($"{PipelineHarness.PublicBaseUrl}/r/").Length - 1);
        Assert.Contains("Silje Berg", text, StringComparison.Ordinal);
        Assert.Equal("silje@example.com", mail.ReplyTo);
    }

    [Theory]
    [InlineData("nn-NO", "nn", "Takk for bestillinga, Kari!")]
    [InlineData("no", "nb", "Takk for bestillingen, Kari!")]
    [InlineData("da-DK", "da", "Tak for din bestilling, Kari!")]
    [InlineData("sv", "sv", "Tack för din beställning, Kari!")]
    [InlineData("fi-FI", "en", "Thank you for your order, Kari!")]
    [InlineData("en-US", "en", "Thank you for your order, Kari!")]
    public async Task ThankYou_CustomerLocale_FallsBackToTheNearestWrittenLanguage(string locale, string rendered, string subject)
    {
        await using var harness = await PipelineHarness.CreateAsync();
        var id = (await harness.IngestAsync(TestEvents.Order(EventTypes.OrderPlaced, "A-1", locale: locale))).Scheduled.Single().MessageId!;

        await harness.AdvanceAndDispatchAsync(TimeSpan.FromHours(1));

        Assert.Equal(subject, Assert.Single(harness.SendGrid.Accepted).Subject);
        Assert.Equal(rendered, (await harness.MessageAsync(id)).RenderedLocale);
    }
}
