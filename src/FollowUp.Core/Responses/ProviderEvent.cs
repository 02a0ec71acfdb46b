namespace FollowUp.Responses;

/// <summary>One event of a SendGrid Event Webhook request, as much of it as FollowUp keeps.</summary>
/// <param name="Event">The event's name: processed, delivered, deferred, open, click, bounce, dropped, spamreport, unsubscribe, group_unsubscribe.</param>
/// <param name="EventId">SendGrid's <c>sg_event_id</c>, which its retries repeat.</param>
/// <param name="MessageId">FollowUp's message id, from the <c>followup_message_id</c> custom argument.</param>
/// <param name="At">The event's <c>timestamp</c>.</param>
/// <param name="Url">For a click, the link.</param>
/// <param name="Type">For a bounce, <c>bounce</c> (hard) or <c>blocked</c> (soft).</param>
/// <param name="Reason">For a bounce, a drop or a deferral, the receiving server's words.</param>
/// <param name="Attempt">For a deferral, the attempt.</param>
public sealed record ProviderEvent(string Event, string? EventId, string? MessageId, DateTimeOffset At, string? Url = null, string? Type = null, string? Reason = null, string? Attempt = null);
