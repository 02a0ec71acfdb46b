using FollowUp.Dispatch;
using FollowUp.Events;
using FollowUp.Messages;
using FollowUp.Rules;
using FollowUp.Templates;
using FollowUp.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace FollowUp.Core.Tests.Dispatch;

public class MessageDispatcherTests
{
    [Fact]
    public async Task DispatchDueAsync_TwoDispatchersAtOnce_SendEachMessageOnce()
    {
        await using var harness = await PipelineHarness.CreateAsync();
        var other = ActivatorUtilities.CreateInstance<MessageDispatcher>(harness.Services);
        var expected = new HashSet<string>(StringComparer.Ordinal);
        for (var round = 0; round < 10; round++)
        {
            for (var n = 0; n < 6; n++)
            {
                var result = await harness.IngestAsync(TestEvents.Order(EventTypes.OrderPlaced, $"R{round}-{n}", customerId: $"c-{round}-{n}"));
                expected.Add(result.Scheduled.Single().MessageId!);
            }

            harness.Time.Advance(TimeSpan.FromHours(1));
            var passes = await Task.WhenAll(harness.Dispatcher.DispatchDueAsync(), other.DispatchDueAsync(), harness.Dispatcher.DispatchDueAsync());

            Assert.Equal(6, passes.Sum(p => p.Sent));
        }

        var sent = harness.SendGrid.Received.Select(mail => mail.MessageId!).ToList();
        Assert.Equal(expected.Count, sent.Count);
        Assert.Equal(expected.Order(StringComparer.Ordinal), sent.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task DispatchDueAsync_AfterACrashBetweenClaimAndSend_SendsExactlyOnceWhenTheClaimExpires()
    {
        await using var harness = await PipelineHarness.CreateAsync();
        var id = (await harness.IngestAsync(TestEvents.Order(EventTypes.OrderPlaced, "A-1"))).Scheduled.Single().MessageId!;
        harness.Time.Advance(TimeSpan.FromHours(1));
        var entry = await harness.DueMessageAsync();
        var claim = await harness.Services.GetRequiredService<MessageLife>().ClaimAsync(entry, new DispatchOptions().ClaimDuration, new DispatchOptions().MaxAttempts);
        Assert.Equal(ClaimOutcome.Claimed, claim.Outcome);

        // The dispatcher that claimed it "died" here. Until its claim expires, nobody else may touch the message.
        var whileClaimed = await harness.Dispatcher.DispatchDueAsync();
        Assert.Equal(1, whileClaimed.Busy);
        Assert.Empty(harness.SendGrid.Received);

        var afterExpiry = await harness.AdvanceAndDispatchAsync(new DispatchOptions().ClaimDuration);
        Assert.Equal(1, afterExpiry.Sent);
        Assert.Equal(0, (await harness.AdvanceAndDispatchAsync(TimeSpan.FromHours(1))).Total);

        Assert.Equal(id, Assert.Single(harness.SendGrid.Received).MessageId);
        var message = await harness.MessageAsync(id);
        Assert.Equal(MessageStatus.Sent, message.GetStatus());
        Assert.Contains(message.GetHistory(), e => e.Kind == MessageEventKind.Claimed && e.Detail!.Contains("earlier claim expired", StringComparison.Ordinal));
    }

    [Fact]
    public async Task DispatchDueAsync_429ThenAccepted_SendsOnceAfterTwoAttempts()
    {
        await using var harness = await PipelineHarness.CreateAsync();
        var id = (await harness.IngestAsync(TestEvents.Order(EventTypes.OrderPlaced, "A-1"))).Scheduled.Single().MessageId!;
        harness.SendGrid.Enqueue(FakeSendGridResponse.TooManyRequests(TimeSpan.FromSeconds(90)));

        var first = await harness.AdvanceAndDispatchAsync(TimeSpan.FromHours(1));
        Assert.Equal(1, first.Retrying);
        var waiting = await harness.MessageAsync(id);
        Assert.Equal(MessageStatus.Scheduled, waiting.GetStatus());
        Assert.Contains("429", waiting.Reason, StringComparison.Ordinal);
        Assert.True(waiting.DueAt >= harness.Time.GetUtcNow().AddSeconds(90), "Retry-After is honoured");

        Assert.Equal(0, (await harness.AdvanceAndDispatchAsync(TimeSpan.FromSeconds(60))).Sent);
        Assert.Equal(1, (await harness.AdvanceAndDispatchAsync(TimeSpan.FromMinutes(5))).Sent);

        Assert.Equal(2, harness.SendGrid.Received.Count);
        Assert.Single(harness.SendGrid.Accepted);
        var message = await harness.MessageAsync(id);
        Assert.Equal(MessageStatus.Sent, message.GetStatus());
        Assert.Equal(2, message.Attempts);
        Assert.Null(message.Reason);
        Assert.Single(message.GetHistory(), e => e.Kind == MessageEventKind.AttemptFailed);
    }

    [Fact]
    public async Task DispatchDueAsync_SendGridTimesOut_RetriesAndSendsOnce()
    {
        await using var harness = await PipelineHarness.CreateAsync(settings => settings["FollowUp:SendGrid:TimeoutSeconds"] = "1");
        var id = (await harness.IngestAsync(TestEvents.Order(EventTypes.OrderPlaced, "A-1"))).Scheduled.Single().MessageId!;
        harness.SendGrid.Enqueue(FakeSendGridResponse.Accepted with { Delay = TimeSpan.FromSeconds(5) });

        var first = await harness.AdvanceAndDispatchAsync(TimeSpan.FromHours(1));
        var waiting = await harness.MessageAsync(id);
        var second = await harness.AdvanceAndDispatchAsync(TimeSpan.FromMinutes(5));

        Assert.Equal(1, first.Retrying);
        Assert.Contains("did not answer within 1 seconds", waiting.Reason, StringComparison.Ordinal);
        Assert.Equal(1, second.Sent);
        Assert.Equal(MessageStatus.Sent, (await harness.MessageAsync(id)).GetStatus());
    }

    [Fact]
    public async Task DispatchDueAsync_FiveServerErrors_RecordsFailedWithTheReason()
    {
        await using var harness = await PipelineHarness.CreateAsync();
        var id = (await harness.IngestAsync(TestEvents.Order(EventTypes.OrderPlaced, "A-1"))).Scheduled.Single().MessageId!;
        harness.SendGrid.Enqueue(Enumerable.Repeat(FakeSendGridResponse.ServerError, 6).ToArray());

        harness.Time.Advance(TimeSpan.FromHours(1));
        for (var pass = 0; pass < 8; pass++)
        {
            await harness.AdvanceAndDispatchAsync(TimeSpan.FromHours(2));
        }

        Assert.Equal(5, harness.SendGrid.Received.Count);
        Assert.Empty(harness.SendGrid.Accepted);
        var message = await harness.MessageAsync(id);
        Assert.Equal(MessageStatus.Failed, message.GetStatus());
        Assert.Equal(5, message.Attempts);
        Assert.Contains("gave up after 5 attempts", message.Reason, StringComparison.Ordinal);
        Assert.Contains("500", message.Reason, StringComparison.Ordinal);
        Assert.Equal(4, message.GetHistory().Count(e => e.Kind == MessageEventKind.AttemptFailed));
    }

    [Fact]
    public async Task DispatchDueAsync_ProviderRefusesTheMessage_FailsAtOnceWithoutRetrying()
    {
        await using var harness = await PipelineHarness.CreateAsync();
        var id = (await harness.IngestAsync(TestEvents.Order(EventTypes.OrderPlaced, "A-1"))).Scheduled.Single().MessageId!;
        harness.SendGrid.Enqueue(FakeSendGridResponse.BadRequest);

        var summary = await harness.AdvanceAndDispatchAsync(TimeSpan.FromHours(1));

        Assert.Equal(1, summary.Failed);
        var message = await harness.MessageAsync(id);
        Assert.Equal(MessageStatus.Failed, message.GetStatus());
        Assert.Contains("400", message.Reason, StringComparison.Ordinal);
        Assert.Equal(0, (await harness.AdvanceAndDispatchAsync(TimeSpan.FromDays(1))).Total);
    }

    [Fact]
    public async Task DispatchDueAsync_TemplateThatFailsToRender_FailsThatMessageOnlyWithTheReason()
    {
        await using var harness = await PipelineHarness.CreateAsync();
        var templates = harness.Services.GetRequiredService<TemplateLibrary>();
        var rules = harness.Services.GetRequiredService<RuleBook>();
        await templates.SaveAsync(new MessageTemplate
        {
            Id = "runaway",
            Locales = new Dictionary<string, TemplateContent>
            {
                ["en"] = new("Hi", "{{ for i in 1..1000000 }}x{{ end }}", "text"),
            },
        }, expectedVersion: null);
        await rules.SaveAsync(new Rule { Id = "runaway", Trigger = EventTypes.OrderPlaced, Delay = "PT1H", TemplateId = "runaway" }, expectedVersion: null);

        var scheduled = (await harness.IngestAsync(TestEvents.Order(EventTypes.OrderPlaced, "A-1"))).Scheduled;
        var summary = await harness.AdvanceAndDispatchAsync(TimeSpan.FromHours(1));

        Assert.Equal(1, summary.Sent);
        Assert.Equal(1, summary.Failed);
        var failed = await harness.MessageAsync(scheduled.Single(s => s.RuleId == "runaway").MessageId!);
        Assert.Equal(MessageStatus.Failed, failed.GetStatus());
        Assert.StartsWith("render failed: ", failed.Reason, StringComparison.Ordinal);
        Assert.Contains("line 1", failed.Reason, StringComparison.Ordinal);
        Assert.Equal("thank-you", harness.SendGrid.Accepted.Select(m => m.MessageId).Select(mid => scheduled.Single(s => s.MessageId == mid).RuleId).Single());
    }

    [Fact]
    public async Task DispatchDueAsync_MillionsWaitingLater_ReadsOnlyWhatIsDue()
    {
        await using var harness = await PipelineHarness.CreateAsync();
        await harness.IngestAsync(TestEvents.Order(EventTypes.OrderPlaced, "A-1"));
        await harness.IngestAsync(TestEvents.Order(EventTypes.OrderDelivered, "A-1"));

        var summary = await harness.AdvanceAndDispatchAsync(TimeSpan.FromHours(1));

        // The review request (due in five days) was not read at all: the pass touched exactly the one due entry.
        Assert.Equal(1, summary.Total);
        Assert.Equal(harness.Time.GetUtcNow().AddDays(5) - TimeSpan.FromHours(1), await harness.Dispatcher.NextDueAsync());
    }
}
