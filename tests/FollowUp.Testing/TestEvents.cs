using System.Globalization;
using System.Text.Json.Nodes;
using FollowUp.Events;

namespace FollowUp.Testing;

/// <summary>Builds valid CloudEvents for tests; each test names its own ids, so tests never share data.</summary>
public static class TestEvents
{
    public static JsonObject Order(
        string type,
        string orderId,
        string customerId = "c-1",
        string email = "kari@example.com",
        string locale = "nb-NO",
        DateTimeOffset? time = null,
        string? eventId = null,
        decimal total = 1498m)
    {
        var order = new JsonObject { ["id"] = orderId };
        if (type == EventTypes.OrderPlaced)
        {
            order["total"] = total;
            order["currency"] = "NOK";
            order["lines"] = new JsonArray(
                new JsonObject { ["sku"] = "TEA-1", ["name"] = "Oolong-te", ["quantity"] = 2, ["unitPrice"] = 249m },
                new JsonObject { ["sku"] = "KETTLE", ["name"] = "Tekanne", ["quantity"] = 1, ["unitPrice"] = total - 498m });
        }

        return Envelope(type, "/shop/orders", eventId ?? $"{type}/{orderId}", time, Customer(customerId, email, locale), "order", order);
    }

    public static JsonObject Deal(
        string type,
        string dealId,
        string customerId = "c-9",
        string email = "per@example.com",
        string locale = "nb-NO",
        DateTimeOffset? time = null,
        string? eventId = null)
    {
        var deal = new JsonObject
        {
            ["id"] = dealId,
            ["title"] = "Møbler til 40 arbeidsplasser",
            ["amount"] = 184000m,
            ["currency"] = "NOK",
            ["owner"] = new JsonObject { ["name"] = "Silje Berg", ["email"] = "silje@example.com" },
        };
        return Envelope(type, "/crm/deals", eventId ?? $"{type}/{dealId}", time, Customer(customerId, email, locale), "deal", deal);
    }

    private static JsonObject Customer(string id, string email, string locale) => new()
    {
        ["id"] = id,
        ["email"] = email,
        ["name"] = "Kari Nordmann",
        ["locale"] = locale,
        ["timeZone"] = "Europe/Oslo",
    };

    private static JsonObject Envelope(string type, string source, string id, DateTimeOffset? time, JsonObject customer, string subjectName, JsonObject subject)
    {
        var envelope = new JsonObject
        {
            ["specversion"] = "1.0",
            ["id"] = id,
            ["source"] = source,
            ["type"] = type,
            ["datacontenttype"] = "application/json",
            ["data"] = new JsonObject { ["customer"] = customer, [subjectName] = subject },
        };
        if (time is { } at)
        {
            envelope["time"] = at.ToString("O", CultureInfo.InvariantCulture);
        }

        return envelope;
    }
}
