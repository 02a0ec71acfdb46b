namespace FollowUp.Alerts;

/// <summary>
/// An answer that needed a person, as the alert list shows it: which message, rule, customer and order or deal, the
/// answer and comment, why it needed a person, when, and whether someone has dealt with it.
/// </summary>
public sealed record RaisedAlert
{
    public required string MessageId { get; init; }

    public required string RuleId { get; init; }

    public required string CustomerId { get; init; }

    public string? OrderId { get; init; }

    public string? DealId { get; init; }

    /// <summary>The answer as its link carried it (<c>service</c>, <c>nps:3</c>).</summary>
    public string? Answer { get; init; }

    /// <summary>The answer in the words the mail gave it, when it offered it with words.</summary>
    public string? AnswerLabel { get; init; }

    /// <summary>For a score: the number (0–10 on the <c>nps</c> scale, 1–5 on <c>csat</c>).</summary>
    public int? Score { get; init; }

    public string? ScoreScale { get; init; }

    public string? Comment { get; init; }

    /// <summary>Why it needs a person, in words: a detractor's NPS, a low satisfaction, an answer the rule names, a comment.</summary>
    public required string Why { get; init; }

    /// <summary>When the answer that raised it came (a changed answer or a comment that alerts again raises it anew).</summary>
    public required DateTimeOffset AnsweredAt { get; init; }

    /// <summary>When the message first needed a person.</summary>
    public required DateTimeOffset FirstRaisedAt { get; init; }

    public required AlertStatus Status { get; init; }

    public DateTimeOffset? ResolvedAt { get; init; }

    /// <summary>The name of the API key that resolved it.</summary>
    public string? ResolvedBy { get; init; }

    /// <summary>What the person who resolved it wrote.</summary>
    public string? Note { get; init; }
}
