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
    string? ReplyToName = null);
