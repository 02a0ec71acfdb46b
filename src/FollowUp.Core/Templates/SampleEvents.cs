using FollowUp.Events;
using System.Text.Json;
using System.Text.Json.Nodes;
using FollowUp.Customers;
using FollowUp.Validation;

namespace FollowUp.Templates;

/// <summary>A realistic event of each type, for template previews and for checking rule conditions before they are saved.</summary>
public static class SampleEvents
{
    private static readonly DateTimeOffset SampleTime = new(2026, 11, 20, 14, 30, 0, TimeSpan.Zero);

    public static JsonObject CloudEvent(string type)
    {
        var isDeal = EventTypes.SubjectOf(type) == SubjectKind.Deal;
        var data = new JsonObject
        {
            ["customer"] = new JsonObject
            {
                ["id"] = "sample-customer",
                ["email"] = "kari.nordmann@example.com",
                ["name"] = "Kari Nordmann",
                ["locale"] = "nb-NO",
                ["timeZone"] = "Europe/Oslo",
            },
        };
        if (isDeal)
        {
            data["deal"] = new JsonObject
            {
                ["id"] = "D-2040",
                ["title"] = "Nye kontormøbler til 40 arbeidsplasser",
                ["amount"] = 184000,
                ["currency"] = "NOK",
                ["owner"] = new JsonObject { ["name"] = "Ola Selger", ["email"] = "ola.selger@example.com" },
            };
        }
        else
        {
            data["order"] = new JsonObject
            {
                ["id"] = "A-1001",
                ["total"] = 1498.00m,
                ["currency"] = "NOK",
                ["lines"] = new JsonArray(
                    new JsonObject { ["sku"] = "TEA-OOLONG-100", ["name"] = "Oolong-te, 100 g", ["quantity"] = 2, ["unitPrice"] = 249.00m },
                    new JsonObject { ["sku"] = "KETTLE-GLASS", ["name"] = "Tekanne i glass", ["quantity"] = 1, ["unitPrice"] = 1000.00m }),
            };
            if (type is EventTypes.OrderPlaced or EventTypes.OrderShipped)
            {
                data["order"]!["expectedDeliveryAt"] = SampleTime.AddDays(4).ToString("O");
            }

            if (type == EventTypes.OrderShipped)
            {
                data["order"]!["carrier"] = "Posten";
                data["order"]!["trackingUrl"] = "https://sporing.example.com/pakke/370730259304981234";
            }
        }

        return new JsonObject
        {
            ["specversion"] = "1.0",
            ["id"] = "sample-" + type,
            ["source"] = isDeal ? "/crm/deals" : "/shop/orders",
            ["type"] = type,
            ["time"] = SampleTime.ToString("O"),
            ["datacontenttype"] = "application/json",
            ["data"] = data,
        };
    }

    public static SampleEvent For(string type)
    {
        var errors = new FieldErrors();
        var parsed = EventParser.Parse(JsonSerializer.SerializeToElement(CloudEvent(type)), errors)
            ?? throw new InvalidOperationException("The sample event does not validate.");
        return new SampleEvent(parsed, Customer(parsed));
    }

    /// <summary>A customer record as the pipeline would hold it after this event: a third order, so loyalty templates show well.</summary>
    public static CustomerEntity Customer(FollowUpEvent @event)
    {
        ArgumentNullException.ThrowIfNull(@event);
        return new CustomerEntity
        {
            CustomerId = @event.Customer.Id,
            Email = @event.Customer.Email,
            Name = @event.Customer.Name,
            Locale = @event.Customer.Locale,
            TimeZone = @event.Customer.TimeZone,
            OrderCount = 3,
            LifetimeSpend = "4210.00",
            Currency = "NOK",
            FirstOrderAt = SampleTime.AddMonths(-7),
            LastOrderAt = SampleTime,
        };
    }
}
