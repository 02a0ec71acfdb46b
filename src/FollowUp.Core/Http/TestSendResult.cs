namespace FollowUp.Http;

/// <summary>What a test send sent: to whom, the subject as it went (with <c>[Test] </c> before it), and the provider's id for it.</summary>
public sealed record TestSendResult
{
    public required string To { get; init; }

    public required string Subject { get; init; }

    /// <summary>The locale rendered, after the fallbacks sending makes.</summary>
    public required string Locale { get; init; }

    public required string TemplateId { get; init; }

    /// <summary>SendGrid's message id (its <c>X-Message-Id</c>), or the outbox file (<c>outbox:…</c>) when no SendGrid key is set.</summary>
    public string? ProviderMessageId { get; init; }

    public required DateTimeOffset SentAt { get; init; }
}
