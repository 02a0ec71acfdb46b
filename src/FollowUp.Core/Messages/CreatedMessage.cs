namespace FollowUp.Messages;

/// <summary>What writing one new message came to: the row (new, or found there already), or the failure that kept it out.</summary>
public sealed record CreatedMessage(MessageEntity? Message, bool Created, Exception? Failure);
