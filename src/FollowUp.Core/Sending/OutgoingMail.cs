namespace FollowUp.Sending;

public sealed record OutgoingMail(
    string MessageId,
    string RuleId,
    string ToEmail,
    string? ToName,
    string Subject,
    string Html,
    string Text,
    string UnsubscribeUrl,
    string? ReplyToEmail = null,
    string? ReplyToName = null)
{
    /// <summary>
    /// An alert to a person at the business about <see cref="MessageId"/>'s answer, not a message to a customer: no
    /// unsubscribe headers, and the message id rides as <c>followup_alert_for</c>, so that its delivery events are not
    /// taken for the customer's message's.
    /// </summary>
    public bool IsAlert { get; init; }

    /// <summary>
    /// A test of a template sent to a person at the business, not a message to a customer: it rides as
    /// <c>followup_test_send</c> under its own category, so that its delivery events are never taken for a message's.
    /// </summary>
    public bool IsTest { get; init; }
}
