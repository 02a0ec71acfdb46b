using FollowUp.Alerts;
using FollowUp.Events;
using FollowUp.Messages;
using FollowUp.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace FollowUp.Core.Tests.Alerts;

/// <summary>The alert list: one entry per message, a month per partition, newest first, read a page at a time by key.</summary>
public class AlertListTests
{
    private static MessageEntity Answered(DateTimeOffset at, string order, int index = 3) => new()
    {
        RowKey = MessageIds.For(at, MessageIds.Hash("nps-question", SubjectKind.Order, "c-1", order)),
        RuleId = "nps-question",
        CustomerId = "c-1",
        SubjectKind = nameof(SubjectKind.Order),
        SubjectId = order,
        Answer = "nps:2",
        Score = 2,
        ScoreScale = "nps",
        AnsweredAt = at,
        AnsweredIndex = index,
    };

    [Fact]
    public async Task ListRaisedAsync_OverThreeMonths_PagesNewestFirstAndKeepsToTheRange()
    {
        await using var harness = await PipelineHarness.CreateAsync(seedDefaults: false);
        var outbox = harness.Services.GetRequiredService<AlertOutbox>();
        var start = new DateTimeOffset(2026, 9, 28, 12, 0, 0, TimeSpan.Zero);
        for (var n = 0; n < 9; n++)
        {
            await outbox.RaiseAsync(Answered(start.AddDays(n * 8), $"O-{n}"), "an NPS of 2 (a detractor)", null);
        }

        var seen = new List<string>();
        (string, string)? after = null;
        do
        {
            var (items, next) = await outbox.ListRaisedAsync(start.AddDays(8), start.AddDays(64), null, 2, after);
            seen.AddRange(items.Select(alert => alert.OrderId!));
            after = next;
        }
        while (after is not null && seen.Count < 20);

        Assert.Equal(["O-7", "O-6", "O-5", "O-4", "O-3", "O-2", "O-1"], seen);
    }

    [Fact]
    public async Task RaiseAsync_TheSameAnswerTwice_ListsItOnce_AndALaterAnswerMovesIt()
    {
        await using var harness = await PipelineHarness.CreateAsync(seedDefaults: false);
        var outbox = harness.Services.GetRequiredService<AlertOutbox>();
        var at = harness.Time.GetUtcNow();
        var message = Answered(at, "O-1");
        await outbox.RaiseAsync(message, "an NPS of 2 (a detractor)", null);
        await outbox.RaiseAsync(message, "an NPS of 2 (a detractor)", null);
        await outbox.ResolveAsync(message.RowKey, "alice", null);

        var later = Answered(at.AddDays(40), "O-1", index: 5);
        later.RowKey = message.RowKey;
        later.Comment = "Still broken.";
        await outbox.RaiseAsync(later, "an NPS of 2 (a detractor); a comment", null);

        var (items, _) = await outbox.ListRaisedAsync(at.AddDays(-1), at.AddDays(41), null, 50, null);
        var alert = Assert.Single(items);
        Assert.Equal((AlertStatus.Open, at.AddDays(40), at, "Still broken."), (alert.Status, alert.AnsweredAt, alert.FirstRaisedAt, alert.Comment));

        // An older pass that arrives late with the first answer changes nothing.
        await outbox.RaiseAsync(message, "an NPS of 2 (a detractor)", null);
        Assert.Single((await outbox.ListRaisedAsync(at.AddDays(-1), at.AddDays(41), null, 50, null)).Items);
    }
}
