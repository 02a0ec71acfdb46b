namespace FollowUp.Events;

public static class EventTypes
{
    public const string OrderPlaced = "order.placed";
    public const string OrderShipped = "order.shipped";
    public const string OrderDelivered = "order.delivered";
    public const string OrderReturned = "order.returned";
    public const string OrderCancelled = "order.cancelled";
    public const string DealLost = "deal.lost";
    public const string DealWon = "deal.won";
    public const string DealReopened = "deal.reopened";

    public static IReadOnlyList<string> All { get; } =
        [OrderPlaced, OrderShipped, OrderDelivered, OrderReturned, OrderCancelled, DealLost, DealWon, DealReopened];

    public static bool IsKnown(string type) => All.Contains(type, StringComparer.Ordinal);

    /// <summary>
    /// Events after which an order's follow-ups make no sense whenever they happened: a cancelled or returned order
    /// stays so. Other events can be undone (a lost deal is reopened, then lost again), so for those the event times
    /// decide.
    /// </summary>
    public static bool IsFinal(string type) => type is OrderCancelled or OrderReturned;

    /// <summary>Order events follow up on an order, deal events on a deal.</summary>
    public static SubjectKind SubjectOf(string type) =>
        type.StartsWith("deal.", StringComparison.Ordinal) ? SubjectKind.Deal : SubjectKind.Order;
}
