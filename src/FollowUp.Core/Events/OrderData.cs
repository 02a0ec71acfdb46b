namespace FollowUp.Events;

public sealed record OrderData(string Id, decimal? Total, string? Currency, IReadOnlyList<OrderLine> Lines);
