namespace FollowUp.Events;

public sealed record DealData(string Id, string? Title, decimal? Amount, string? Currency, string? OwnerName, string? OwnerEmail);
