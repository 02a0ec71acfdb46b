using System.Text.Json.Nodes;
using FollowUp.Events;

namespace FollowUp.SelfHost.Demo;

/// <summary>The demo's story: four shoppers and two lost deals over a week, told as CloudEvents.</summary>
internal static class DemoScript
{
    public static JsonObject Order(string run, string type, string orderId, string customerId, string email, string name, string locale, string timeZone, DateTimeOffset time, params (string Sku, string Name, int Quantity, decimal UnitPrice)[] lines)
    {
        var lineArray = new JsonArray();
        foreach (var line in lines)
        {
            lineArray.Add(new JsonObject { ["sku"] = line.Sku, ["name"] = line.Name, ["quantity"] = line.Quantity, ["unitPrice"] = line.UnitPrice });
        }

        var order = new JsonObject { ["id"] = orderId + "-" + run };
        if (type == EventTypes.OrderPlaced)
        {
            order["total"] = lines.Sum(l => l.Quantity * l.UnitPrice);
            order["currency"] = locale.EndsWith("GB", StringComparison.Ordinal) ? "GBP" : locale.EndsWith("DK", StringComparison.Ordinal) ? "DKK" : "NOK";
            order["lines"] = lineArray;
        }

        return Event(run, type, "/shop/orders", $"{type}-{orderId}", time, Customer(run, customerId, email, name, locale, timeZone), "order", order);
    }

    public static JsonObject Deal(string run, string type, string dealId, string title, decimal amount, string customerId, string email, string name, string locale, DateTimeOffset time)
    {
        var deal = new JsonObject
        {
            ["id"] = dealId + "-" + run,
            ["title"] = title,
            ["amount"] = amount,
            ["currency"] = "NOK",
            ["owner"] = new JsonObject { ["name"] = "Silje Berg", ["email"] = "silje.berg@example.com" },
        };
        return Event(run, type, "/crm/deals", $"{type}-{dealId}", time, Customer(run, customerId, email, name, locale, "Europe/Oslo"), "deal", deal);
    }

    private static JsonObject Customer(string run, string id, string email, string name, string locale, string timeZone) => new()
    {
        ["id"] = id + "-" + run,
        ["email"] = email,
        ["name"] = name,
        ["locale"] = locale,
        ["timeZone"] = timeZone,
    };

    private static JsonObject Event(string run, string type, string source, string id, DateTimeOffset time, JsonObject customer, string subjectName, JsonObject subject) => new()
    {
        ["specversion"] = "1.0",
        ["id"] = id + "-" + run,
        ["source"] = source,
        ["type"] = type,
        ["time"] = time.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
        ["datacontenttype"] = "application/json",
        ["data"] = new JsonObject { ["customer"] = customer, [subjectName] = subject },
    };
}
