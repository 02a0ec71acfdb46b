namespace FollowUp.Messages;

/// <summary>A message as the results API shows it: its whole life, with reasons and timestamps.</summary>
public sealed record MessageView(
    string Id,
    string CustomerId,
    string Email,
    string RuleId,
    string TemplateId,
    string SubjectKind,
    string SubjectId,
    string EventType,
    MessageStatus Status,
    string? Locale,
    DateTimeOffset CreatedAt,
    DateTimeOffset DueAt,
    int Attempts,
    DateTimeOffset? SentAt,
    string? ProviderMessageId,
    string? Subject,
    string? CouponCode,
    string? Answer,
    DateTimeOffset? AnsweredAt,
    string? Reason,
    IReadOnlyList<MessageEvent> History,
    int? HistoryDropped = null)
{
    /// <summary>Its category: service, feedback or marketing.</summary>
    public string? Category { get; init; }

    /// <summary>For a reminder, its number (1 to 3).</summary>
    public int? Reminder { get; init; }

    /// <summary>For a reminder, the first message it reminds of.</summary>
    public string? ReminderOf { get; init; }

    /// <summary>What the customer wrote with their answer.</summary>
    public string? Comment { get; init; }

    /// <summary>For an answer that is a score: the number (0–10 on the <c>nps</c> scale, 1–5 on <c>csat</c>).</summary>
    public int? Score { get; init; }

    /// <summary>For an answer that is a score: <c>nps</c> or <c>csat</c>.</summary>
    public string? ScoreScale { get; init; }

    /// <summary>The version of the rule that scheduled it.</summary>
    public int? RuleVersion { get; init; }

    /// <summary>The version of the template it was rendered with, once sent.</summary>
    public int? TemplateVersion { get; init; }

    public static MessageView From(MessageEntity message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return new MessageView(
            message.RowKey,
            message.CustomerId,
            message.Email,
            message.RuleId,
            message.TemplateId,
            message.SubjectKind.ToLowerInvariant(),
            message.SubjectId,
            message.EventType,
            message.GetStatus(),
            message.RenderedLocale ?? message.Locale,
            message.CreatedAt,
            message.DueAt,
            message.Attempts,
            message.SentAt,
            message.ProviderMessageId,
            message.Subject,
            message.CouponCode,
            message.Answer,
            message.AnsweredAt,
            message.Reason,
            message.GetHistory(),
            message.HistoryDropped > 0 ? message.HistoryDropped : null)
        {
            Category = message.Category?.ToLowerInvariant(),
            Reminder = message.Reminder > 0 ? message.Reminder : null,
            ReminderOf = message.ReminderOf?.Split(',')[0],
            Comment = message.Comment,
            RuleVersion = message.RuleVersion > 0 ? message.RuleVersion : null,
            TemplateVersion = message.TemplateVersion > 0 ? message.TemplateVersion : null,
            // Answered before scores were kept: the answer still says the score.
            Score = message.Score ?? Links.AnswerScore.Of(message.Answer)?.Value,
            ScoreScale = message.ScoreScale ?? Links.AnswerScore.Of(message.Answer)?.Scale,
        };
    }
}
