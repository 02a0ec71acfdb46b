namespace FollowUp.Customers;

/// <summary>A customer's history as one order left it when it was counted: what a replay of that order's event sees.</summary>
public sealed record CountedOrder(int OrderCount, string LifetimeSpend, DateTimeOffset? FirstOrderAt, DateTimeOffset? LastOrderAt);
