namespace FollowUp.Messages;

/// <summary>One message of an order or deal, as its index row names it.</summary>
public sealed record SubjectMessage(string MessageId, string CustomerKey);
