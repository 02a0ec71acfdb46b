namespace FollowUp.Events;

public sealed record OrderLine(string Sku, string Name, int Quantity, decimal UnitPrice);
