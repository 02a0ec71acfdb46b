using System.Text.Json;
using System.Text.Json.Nodes;
using FollowUp.Events;
using FollowUp.Testing;
using FollowUp.Validation;

namespace FollowUp.Core.Tests.Events;

public class EventParserTests
{
    [Fact]
    public void Parse_ValidOrderPlaced_ReadsCustomerAndLines()
    {
        var errors = new FieldErrors();

        var parsed = EventParser.Parse(JsonSerializer.SerializeToElement(TestEvents.Order(EventTypes.OrderPlaced, "A-1")), errors);

        Assert.True(errors.IsEmpty);
        Assert.NotNull(parsed);
        Assert.Equal("A-1", parsed.SubjectId);
        Assert.Equal("nb-NO", parsed.Customer.Locale);
        Assert.Equal(2, parsed.Order!.Lines.Count);
        Assert.Equal(1498m, parsed.Order.Total);
    }

    [Fact]
    public void Parse_InvalidEvent_NamesEveryBadField()
    {
        var json = TestEvents.Order(EventTypes.OrderPlaced, "A-1");
        json["specversion"] = "0.3";
        json.Remove("source");
        json["time"] = "yesterday";
        var data = json["data"]!.AsObject();
        data["customer"]!["email"] = "not-an-email";
        data["customer"]!["timeZone"] = "Mars/Olympus";
        data["customer"]!["locale"] = "xx-!!";
        data["order"]!["currency"] = "kroner";
        data["order"]!["lines"]![0]!["quantity"] = -1;
        var errors = new FieldErrors();

        var parsed = EventParser.Parse(JsonSerializer.SerializeToElement(json), errors);

        Assert.Null(parsed);
        var fields = errors.ToDictionary().Keys;
        Assert.Equal(
            ["data.customer.email", "data.customer.locale", "data.customer.timeZone", "data.order.currency", "data.order.lines[0].quantity", "source", "specversion", "time"],
            fields.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Parse_UnknownType_IsRefusedWithTheKnownTypes()
    {
        var json = TestEvents.Order(EventTypes.OrderPlaced, "A-1");
        json["type"] = "order.teleported";
        var errors = new FieldErrors();

        Assert.Null(EventParser.Parse(JsonSerializer.SerializeToElement(json), errors));
        Assert.Contains("order.delivered", errors.ToDictionary()["type"][0], StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_DealEventWithoutDeal_NamesDataDeal()
    {
        var json = TestEvents.Deal(EventTypes.DealLost, "D-1");
        json["data"]!.AsObject().Remove("deal");
        var errors = new FieldErrors();

        Assert.Null(EventParser.Parse(JsonSerializer.SerializeToElement(json), errors));
        Assert.True(errors.ToDictionary().ContainsKey("data.deal"));
    }

    [Fact]
    public void Parse_DataTooLargeToKeep_IsRefusedUpFront()
    {
        var json = TestEvents.Order(EventTypes.OrderPlaced, "A-1");
        json["data"]!["order"]!["note"] = new string('x', EventParser.MaxDataLength);
        var errors = new FieldErrors();

        Assert.Null(EventParser.Parse(JsonSerializer.SerializeToElement(json), errors));
        Assert.Equal(["data"], errors.ToDictionary().Keys);
    }

    [Fact]
    public void Parse_NotAnObject_IsRefused()
    {
        var errors = new FieldErrors();

        Assert.Null(EventParser.Parse(JsonSerializer.SerializeToElement(new JsonArray()), errors));
        Assert.False(errors.IsEmpty);
    }

    [Fact]
    public void Parse_EmailTooLongForAKeyOnceEncoded_NamesTheEmail()
    {
        var json = TestEvents.Order(EventTypes.OrderPlaced, "A-1");
        json["data"]!["customer"]!["email"] = new string('ø', 240) + "@xn.no";
        var errors = new FieldErrors();

        Assert.Null(EventParser.Parse(JsonSerializer.SerializeToElement(json), errors));
        Assert.Equal(["data.customer.email"], errors.ToDictionary().Keys);
        Assert.Contains("too long to store", errors.ToDictionary()["data.customer.email"][0], StringComparison.Ordinal);
    }
}
