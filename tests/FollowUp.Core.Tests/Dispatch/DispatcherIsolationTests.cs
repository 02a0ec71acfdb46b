using FollowUp.Dispatch;
using FollowUp.Events;
using FollowUp.Messages;
using FollowUp.Rules;
using FollowUp.Sending;
using FollowUp.Telemetry;
using FollowUp.Templates;
using FollowUp.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace FollowUp.Core.Tests.Dispatch;

public class DispatcherIsolationTests
{
    [Fact]
    public async Task DispatchDueAsync_OneMessageFaults_RecordsItOnThatMessageAndSendsTheRest()
    {
        await using var harness = await PipelineHarness.CreateAsync(
            settings => settings["FollowUp:Dispatch:MaxAttempts"] = "2",
            services: services => services.Replace(ServiceDescriptor.Singleton<IMailSender>(provider =>
                new FaultyMailSender(provider.GetRequiredService<SendGridMailSender>(), "poison@example.com"))));
        var poison = (await harness.IngestAsync(TestEvents.Order(EventTypes.OrderPlaced, "P-1", customerId: "c-p", email: "poison@example.com"))).Scheduled.Single().MessageId!;
        var fine = (await harness.IngestAsync(TestEvents.Order(EventTypes.OrderPlaced, "F-1", customerId: "c-f", email: "fine@example.com"))).Scheduled.Single().MessageId!;

        var first = await harness.AdvanceAndDispatchAsync(TimeSpan.FromHours(1));
        var retrying = await harness.MessageAsync(poison);
        await harness.AdvanceAndDispatchAsync(TimeSpan.FromHours(2));
        var failed = await harness.MessageAsync(poison);

        Assert.Equal(1, first.Sent);
        Assert.Equal(1, first.Retrying);
        Assert.Equal(MessageStatus.Sent, (await harness.MessageAsync(fine)).GetStatus());
        Assert.Equal(MessageStatus.Scheduled, retrying.GetStatus());
        Assert.StartsWith("internal error (InvalidOperationException)", retrying.Reason, StringComparison.Ordinal);
        Assert.Equal(MessageStatus.Failed, failed.GetStatus());
        Assert.Contains("gave up after 2 attempts", failed.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain("poison@example.com", failed.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain("poison@example.com", failed.History, StringComparison.Ordinal);
        Assert.Equal("fine@example.com", Assert.Single(harness.SendGrid.Received).To);
    }

    [Fact]
    public async Task DispatchDueAsync_ClaimsExpireUntilAttemptsAreUsedUp_FailsAsOutcomeUnknownWithoutSending()
    {
        await using var harness = await PipelineHarness.CreateAsync(settings => settings["FollowUp:Dispatch:MaxAttempts"] = "2");
        var id = (await harness.IngestAsync(TestEvents.Order(EventTypes.OrderPlaced, "A-1"))).Scheduled.Single().MessageId!;
        var claimFor = new DispatchOptions().ClaimDuration;
        harness.Time.Advance(TimeSpan.FromHours(1));

        // Two dispatchers in turn claim the message and die before recording anything.
        for (var attempt = 1; attempt <= 2; attempt++)
        {
            var claim = await harness.Life.ClaimAsync(await harness.DueMessageAsync(), claimFor, maxAttempts: 2);
            Assert.Equal(ClaimOutcome.Claimed, claim.Outcome);
            harness.Time.Advance(claimFor);
        }

        var summary = await harness.Dispatcher.DispatchDueAsync();

        Assert.Equal(1, summary.Failed);
        Assert.Empty(harness.SendGrid.Received);
        var message = await harness.MessageAsync(id);
        Assert.Equal(MessageStatus.Failed, message.GetStatus());
        Assert.StartsWith("outcome unknown", message.Reason, StringComparison.Ordinal);
        Assert.Equal(0, (await harness.AdvanceAndDispatchAsync(TimeSpan.FromDays(1))).Total);
    }

    [Fact]
    public async Task DispatchDueAsync_SubjectTooLongToStore_RecordsSentOnceAndNeverSendsAgain()
    {
        await using var harness = await PipelineHarness.CreateAsync();
        await SaveRuleWithTemplateAsync(harness, "huge-subject", subject: "{{ for i in 1..900 }}Takk for handelen {{ end }}", html: "<p>Hei</p>");
        var id = (await harness.IngestAsync(TestEvents.Order(EventTypes.OrderPlaced, "A-1"))).Scheduled.Single(s => s.RuleId == "huge-subject").MessageId!;

        await harness.AdvanceAndDispatchAsync(TimeSpan.FromHours(1));
        await harness.AdvanceAndDispatchAsync(new DispatchOptions().ClaimDuration * 3);

        var message = await harness.MessageAsync(id);
        Assert.Equal(MessageStatus.Sent, message.GetStatus());
        Assert.InRange(message.Subject!.Length, 100, MessageEntity.MaxSubjectLength);
        Assert.Single(harness.SendGrid.Accepted, mail => mail.MessageId == id);
    }

    [Fact]
    public async Task DispatchDueAsync_RenderErrorQuotingTheAddress_StoresAndLogsNoAddress()
    {
        await using var harness = await PipelineHarness.CreateAsync();
        await SaveRuleWithTemplateAsync(harness, "bad-money", subject: "Hei", html: "<p>{{ customer.email | money 'NOK' }}</p>");
        var id = (await harness.IngestAsync(TestEvents.Order(EventTypes.OrderPlaced, "A-1", email: "kari.secret@example.com"))).Scheduled.Single(s => s.RuleId == "bad-money").MessageId!;

        await harness.AdvanceAndDispatchAsync(TimeSpan.FromHours(1));

        var message = await harness.MessageAsync(id);
        Assert.Equal(MessageStatus.Failed, message.GetStatus());
        Assert.StartsWith("render failed", message.Reason, StringComparison.Ordinal);
        Assert.Contains(Redaction.Mask, message.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain("kari.secret", message.Reason, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("kari.secret", message.History, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task DispatchDueAsync_RenderErrorQuotingTheFirstName_StoresNoName()
    {
        await using var harness = await PipelineHarness.CreateAsync();
        await SaveRuleWithTemplateAsync(harness, "bad-name", subject: "Hei", html: "<p>{{ money customer.first_name 'NOK' }}</p>");
        var id = (await harness.IngestAsync(TestEvents.Order(EventTypes.OrderPlaced, "A-1"))).Scheduled.Single(s => s.RuleId == "bad-name").MessageId!;

        await harness.AdvanceAndDispatchAsync(TimeSpan.FromHours(1));

        var message = await harness.MessageAsync(id);
        Assert.Equal(MessageStatus.Failed, message.GetStatus());
        Assert.DoesNotContain("Kari", message.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain("Kari", message.History, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DispatchDueAsync_TemplateWithCatastrophicRegex_FailsThatMessageWithinItsBudget()
    {
        await using var harness = await PipelineHarness.CreateAsync();
        await SaveRuleWithTemplateAsync(harness, "slow", subject: "Hei", html: "<p>{{ 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!' | regex.match '^(a+)+$' }}</p>");
        var ids = (await harness.IngestAsync(TestEvents.Order(EventTypes.OrderPlaced, "A-1"))).Scheduled;

        var summary = await harness.AdvanceAndDispatchAsync(TimeSpan.FromHours(1));

        Assert.Equal(1, summary.Sent);
        var slow = await harness.MessageAsync(ids.Single(s => s.RuleId == "slow").MessageId!);
        Assert.Equal(MessageStatus.Failed, slow.GetStatus());
        Assert.Contains("regular expression", slow.Reason, StringComparison.Ordinal);
    }

    internal static async Task SaveRuleWithTemplateAsync(PipelineHarness harness, string id, string subject, string html)
    {
        await harness.Services.GetRequiredService<TemplateLibrary>().SaveAsync(new MessageTemplate
        {
            Id = id,
            Locales = new Dictionary<string, TemplateContent> { ["en"] = new(subject, html, "text") },
        }, expectedVersion: null);
        await harness.Services.GetRequiredService<RuleBook>().SaveAsync(new Rule { Id = id, Trigger = EventTypes.OrderPlaced, Delay = "PT1H", TemplateId = id }, expectedVersion: null);
    }
}
