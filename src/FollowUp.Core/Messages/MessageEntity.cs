using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using FollowUp.Events;
using FollowUp.Telemetry;

namespace FollowUp.Messages;

/// <summary>
/// A message and its whole life, in the partition of the minute it first fell due (see <see cref="MessageIds"/>). The
/// row is its own schedule entry, and the truth the dispatcher claims with its ETag. Only <see cref="MessageLife"/>
/// writes it.
/// </summary>
public sealed class MessageEntity : ITableEntity
{
    /// <summary>History entries kept; older ones are dropped and counted in <see cref="HistoryDropped"/>.</summary>
    public const int MaxHistory = 40;

    public const int MaxDetailLength = 500;
    public const int MaxCommentLength = 1000;
    public const int MaxReasonLength = 1000;
    public const int MaxSubjectLength = 998;
    public const int MaxHistoryLength = 30_000;

    public string PartitionKey { get; set; } = string.Empty;

    /// <summary>The message id.</summary>
    public string RowKey { get; set; } = string.Empty;

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public string CustomerId { get; set; } = string.Empty;

    public string RuleId { get; set; } = string.Empty;

    public string TemplateId { get; set; } = string.Empty;

    public string SubjectKind { get; set; } = nameof(Events.SubjectKind.Order);

    public string SubjectId { get; set; } = string.Empty;

    public string EventType { get; set; } = string.Empty;

    /// <summary>When the event that scheduled this message happened: a cancelling event older than it does not cancel it.</summary>
    public DateTimeOffset? EventTime { get; set; }

    /// <summary>
    /// Set when a cancelling event arrived while the message was being sent: the send in flight goes ahead, but no
    /// retry or later attempt does.
    /// </summary>
    public string? CancelRequested { get; set; }

    /// <summary>
    /// Set on a row a cancelling event wrote in place of a message whose own row was not written yet; the message's
    /// own write then fills it in, kept cancelled.
    /// </summary>
    public bool? StandIn { get; set; }

    /// <summary>Comma-separated event types that cancel this message, as its rule said when it was scheduled.</summary>
    public string CancelOn { get; set; } = string.Empty;

    public string Email { get; set; } = string.Empty;

    public string? Locale { get; set; }

    public string? TimeZone { get; set; }

    /// <summary>The country whose public holidays the rule's send window skips, resolved when the message was scheduled.</summary>
    public string? Country { get; set; }

    /// <summary>The rule's category when the message was scheduled (<see cref="Rules.MessageCategory"/>).</summary>
    public string? Category { get; set; }

    /// <summary>The version of the rule that scheduled it.</summary>
    public int RuleVersion { get; set; }

    /// <summary>The version of the template the message was rendered with (0 before it was sent, or when not recorded).</summary>
    public int TemplateVersion { get; set; }

    /// <summary>What was sent (subject, HTML, text), compressed; see <see cref="SentContent"/>. Null once erased.</summary>
    public byte[]? Content { get; set; }

    /// <summary>For a reminder, its number (1 to 3); 0 for a first message.</summary>
    public int Reminder { get; set; }

    /// <summary>For a reminder: the first message's id, then the earlier reminders', comma-separated.</summary>
    public string? ReminderOf { get; set; }

    /// <summary>For a reminder: how long after the first message's send it goes (ISO 8601).</summary>
    public string? ReminderAfter { get; set; }

    /// <summary>When the rule's delay ended: deferrals and retries are counted from here.</summary>
    public DateTimeOffset? IntendedAt { get; set; }

    /// <summary>After this it is cancelled as expired instead of sent (the rule's <c>expiresAfter</c> past <see cref="IntendedAt"/>).</summary>
    public DateTimeOffset? ExpiresAt { get; set; }

    public string Status { get; set; } = nameof(MessageStatus.Scheduled);

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset DueAt { get; set; }

    public DateTimeOffset? ClaimedUntil { get; set; }

    public int Attempts { get; set; }

    public DateTimeOffset? SentAt { get; set; }

    public string? ProviderMessageId { get; set; }

    public string? RenderedLocale { get; set; }

    public string? Subject { get; set; }

    public string? CouponCode { get; set; }

    public string? Answer { get; set; }

    /// <summary>The provider's ids of the delivery events recorded, newest last, so that a retried webhook records nothing twice.</summary>
    public string? ProviderEvents { get; set; }

    /// <summary>The furthest stage a delivery event showed before the send was recorded (the webhook can be that quick).</summary>
    public string? DeliveryStage { get; set; }

    public DateTimeOffset? AnsweredAt { get; set; }

    /// <summary>What the customer wrote with their answer, bounded to <see cref="MaxCommentLength"/>.</summary>
    public string? Comment { get; set; }

    /// <summary>For an answer that is a score (<see cref="Links.AnswerScore"/>): its scale, <c>nps</c> or <c>csat</c>.</summary>
    public string? ScoreScale { get; set; }

    /// <summary>For an answer that is a score: the number.</summary>
    public int? Score { get; set; }

    /// <summary>
    /// The answers the sent mail's links offered, as a JSON array of <see cref="Templates.AnswerChoice"/>: the answer
    /// page names them as the mail did, and lets the customer change to another.
    /// </summary>
    public string? Choices { get; set; }

    /// <summary>Why the message was cancelled or failed, or why its last attempt failed.</summary>
    public string? Reason { get; set; }

    /// <summary>True once the customer was erased: the address, model, subject and comment are gone.</summary>
    public bool? Erased { get; set; }

    /// <summary>The render model (customer, order or deal, event) as JSON, captured when the message was scheduled.</summary>
    public string Model { get; set; } = "{}";

    /// <summary>The journey phase of its rule when it was scheduled (<see cref="Rules.JourneyPhase"/>), for reports.</summary>
    public string? Phase { get; set; }

    /// <summary>
    /// Each stage the message ever reached, with the UTC day it first did, e.g. <c>Scheduled@20261123,Sent@20261124</c>:
    /// what reports count, kept here because the history drops old entries.
    /// </summary>
    public string? Reached { get; set; }

    /// <summary>True when the message changed since reports last counted it; the change feed finds it by this.</summary>
    public bool? Feed { get; set; }

    /// <summary>What reports have counted of this message (JSON), and how many times they counted a change of it.</summary>
    public string? Counted { get; set; }

    public int CountedVersion { get; set; }

    /// <summary>How many ledger entries it has had over its whole life (the history keeps the newest of them).</summary>
    public int Entries { get; set; }

    /// <summary>The ledger index (over its whole life) of its latest answer, or −1: what an alert covers.</summary>
    public int AnsweredIndex { get; set; } = -1;

    /// <summary>The ledger index of the last answer an alert went out for (−1 for none): no answer is alerted twice.</summary>
    public int AlertedThrough { get; set; } = -1;

    /// <summary>
    /// How many of its ledger entries (counted over its whole life, dropped ones too) the change feed has handed to
    /// webhooks; null on a row written before webhooks existed, whose past is not sent.
    /// </summary>
    public int? Published { get; set; }

    /// <summary>A count begun and not yet finished: what it counts to, and its version (see <see cref="Counted"/>).</summary>
    public string? Counting { get; set; }

    public int CountingVersion { get; set; }

    /// <summary>The message's life as a JSON array of <see cref="MessageEvent"/>, newest <see cref="MaxHistory"/> entries.</summary>
    public string History { get; set; } = "[]";

    /// <summary>How many of the oldest history entries were dropped to keep the row within Table Storage's limits.</summary>
    public int HistoryDropped { get; set; }

    public MessageStatus GetStatus() => Enum.Parse<MessageStatus>(Status);

    public SubjectKind GetSubjectKind() => Enum.Parse<SubjectKind>(SubjectKind);

    public IReadOnlyList<Templates.AnswerChoice> GetChoices() =>
        Choices is null ? [] : JsonSerializer.Deserialize<List<Templates.AnswerChoice>>(Choices, FollowUpJson.Options) ?? [];

    public IReadOnlyList<string> GetCancelOn() => CancelOn.Split(',', StringSplitOptions.RemoveEmptyEntries);

    public List<MessageEvent> GetHistory() => JsonSerializer.Deserialize<List<MessageEvent>>(History, FollowUpJson.Options) ?? [];

    public bool IsPending(DateTimeOffset now) =>
        GetStatus() == MessageStatus.Scheduled || (GetStatus() == MessageStatus.Claimed && ClaimedUntil <= now);

    /// <summary>Sets the status and adds an entry to the history, keeping the history bounded.</summary>
    internal void Record(MessageStatus status, MessageEvent entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        Status = status.ToString();
        Feed = true;
        Reach(status.ToString(), entry.At);
        // What the entry shows, even when the status stays further on (a late "delivered", an answer after a bounce).
        switch (entry.Kind)
        {
            case MessageEventKind.Deferred:
                Reach(nameof(MessageEventKind.Deferred), entry.At);
                break;
            case MessageEventKind.Answered:
                Reach(nameof(MessageStatus.Answered), entry.At);
                break;
            case MessageEventKind.Clicked:
                Reach(nameof(MessageStatus.Clicked), entry.At);
                break;
            case MessageEventKind.Delivery when entry.Reached is { } reached:
                Reach(reached.ToString(), entry.At);
                break;
        }

        var history = GetHistory();

        // A row from before webhooks existed: its past counts as handed on, and what happens from now on goes out.
        Published ??= HistoryDropped + history.Count;
        history.Add(entry with { Detail = Cut(entry.Detail is null ? null : Redaction.Scrub(entry.Detail, Email), MaxDetailLength) });
        if (history.Count > MaxHistory)
        {
            var drop = history.Count - MaxHistory;
            history.RemoveRange(0, drop);
            HistoryDropped += drop;
        }

        // Counted as stored (unescaped), and cut further if long details still make it too large for one property.
        var json = JsonSerializer.Serialize(history, FollowUpJson.Storage);
        while (json.Length > MaxHistoryLength && history.Count > 1)
        {
            history.RemoveAt(0);
            HistoryDropped++;
            json = JsonSerializer.Serialize(history, FollowUpJson.Storage);
        }

        History = json;
        Entries = HistoryDropped + history.Count;
    }

    /// <summary>The stages reached, each with the UTC day (<c>yyyyMMdd</c>) it first was.</summary>
    public IReadOnlyDictionary<string, string> GetReached()
    {
        var reached = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var item in (Reached ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            var at = item.IndexOf('@', StringComparison.Ordinal);
            if (at > 0)
            {
                reached.TryAdd(item[..at], item[(at + 1)..]);
            }
        }

        return reached;
    }

    internal void Reach(string stage, DateTimeOffset at)
    {
        if (stage == nameof(MessageStatus.Claimed) || (Reached is not null && (Reached.StartsWith(stage + "@", StringComparison.Ordinal) || Reached.Contains("," + stage + "@", StringComparison.Ordinal))))
        {
            return;
        }

        var item = stage + "@" + at.UtcDateTime.ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture);
        Reached = string.IsNullOrEmpty(Reached) ? item : Reached + "," + item;
    }

    /// <summary>Cuts every free-text value to its bound, so that no write can fail on Table Storage's property limits.</summary>
    internal void Bound()
    {
        Reason = Cut(Reason is null ? null : Redaction.Scrub(Reason, Email), MaxReasonLength);
        Subject = Cut(Subject, MaxSubjectLength);
        ProviderMessageId = Cut(ProviderMessageId, 200);
    }

    /// <summary>A copy to change, so that a write that fails leaves the caller's row as it was.</summary>
    internal MessageEntity Copy() => (MessageEntity)MemberwiseClone();

    internal static string? Cut(string? text, int max) => text is null || text.Length <= max ? text : text[..(max - 1)] + "…";
}
