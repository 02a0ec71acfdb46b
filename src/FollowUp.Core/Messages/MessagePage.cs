namespace FollowUp.Messages;

public sealed record MessagePage(IReadOnlyList<MessageView> Items, string? ContinuationToken);
