using System.Globalization;
using System.Text.Json.Nodes;
using FollowUp.Customers;
using FollowUp.Events;

namespace FollowUp.Templates;

/// <summary>
/// The data a rule's condition and a message's template see: the event's <c>data</c> as sent (so shop-specific fields
/// are usable too), the customer's history merged into <c>customer</c>, and the event's own attributes as <c>event</c>.
/// </summary>
public static class MessageModel
{
    /// <param name="event">The event, carrying its order's or deal's merged data.</param>
    /// <param name="profile">The customer's record after the event.</param>
    /// <param name="now">The time, for an event that came without one.</param>
    /// <param name="placedAt">
    /// When the order was placed, where its <c>order.placed</c> was received with a time: <c>order.placed_at</c>, so that a
    /// condition on a later event (e.g. <c>order.shipped</c>) can measure from the purchase. A <c>placedAt</c> the shop
    /// sends itself wins.
    /// </param>
    public static JsonObject Create(FollowUpEvent @event, CustomerEntity profile, DateTimeOffset now, DateTimeOffset? placedAt = null)
    {
        ArgumentNullException.ThrowIfNull(@event);
        ArgumentNullException.ThrowIfNull(profile);
        var model = @event.Data.DeepClone().AsObject();
        var customer = model["customer"] as JsonObject ?? [];
        customer["name"] ??= profile.Name;
        customer["firstName"] = FirstName(profile.Name);
        customer["locale"] ??= profile.Locale;
        customer["timeZone"] ??= profile.TimeZone;
        customer["country"] ??= profile.Country;
        customer["marketingConsent"] ??= profile.MarketingConsent;
        customer["orderCount"] = profile.OrderCount;
        customer["lifetimeSpend"] = decimal.TryParse(profile.LifetimeSpend, NumberStyles.Number, CultureInfo.InvariantCulture, out var spend) ? spend : 0m;
        customer["firstOrderAt"] = profile.FirstOrderAt?.ToString("O", CultureInfo.InvariantCulture);
        customer["lastOrderAt"] = profile.LastOrderAt?.ToString("O", CultureInfo.InvariantCulture);
        model["customer"] = customer;
        if (placedAt is { } placed && model["order"] is JsonObject order)
        {
            order["placedAt"] ??= placed.ToString("O", CultureInfo.InvariantCulture);
        }

        model["event"] = new JsonObject
        {
            ["id"] = @event.Id,
            ["source"] = @event.Source,
            ["type"] = @event.Type,
            ["time"] = (@event.Time ?? now).ToString("O", CultureInfo.InvariantCulture),
        };
        return model;
    }

    private static string? FirstName(string? name) =>
        string.IsNullOrWhiteSpace(name) ? null : name.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries)[0];
}
