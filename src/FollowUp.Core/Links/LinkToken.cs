namespace FollowUp.Links;

public sealed record LinkToken(LinkKind Kind, string MessageId, string? Answer);
