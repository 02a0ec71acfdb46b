using System.Globalization;
using System.Net.Mail;
using System.Text.Json;
using System.Text.Json.Nodes;
using FollowUp.Validation;

namespace FollowUp.Events;

/// <summary>
/// Validates a CloudEvents 1.0 structured-mode event and the data this pipeline needs, naming every bad field
/// (CloudEvents attributes by name, data fields as <c>data.customer.email</c>).
/// </summary>
public static class EventParser
{
    private const int MaxIdLength = 256;

    /// <summary>Each message keeps the event's data in one Table Storage property, which holds 32K characters.</summary>
    public const int MaxDataLength = 24_000;

    public static FollowUpEvent? Parse(JsonElement json, FieldErrors errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (json.ValueKind != JsonValueKind.Object)
        {
            errors.Add("$", "an event must be a JSON object");
            return null;
        }

        var specVersion = String(json, "specversion", errors, required: true);
        if (specVersion is not null && specVersion != "1.0")
        {
            errors.Add("specversion", $"'{specVersion}' is not supported; use 1.0");
        }

        var id = String(json, "id", errors, required: true, maxLength: MaxIdLength);
        var source = String(json, "source", errors, required: true, maxLength: 1024);
        if (source is not null && !Uri.TryCreate(source, UriKind.RelativeOrAbsolute, out _))
        {
            errors.Add("source", "must be a URI-reference");
        }

        var type = String(json, "type", errors, required: true);
        if (type is not null && !EventTypes.IsKnown(type))
        {
            errors.Add("type", $"'{type}' is not one of {string.Join(", ", EventTypes.All)}");
            type = null;
        }

        DateTimeOffset? time = null;
        var timeText = String(json, "time", errors, required: false);
        if (timeText is not null)
        {
            if (DateTimeOffset.TryParse(timeText, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var parsed)
                && (timeText.EndsWith('Z') || timeText.EndsWith('z') || timeText.LastIndexOfAny(['+', '-']) > 10))
            {
                time = parsed;
            }
            else
            {
                errors.Add("time", "must be an RFC 3339 timestamp with a UTC offset, e.g. 2026-11-23T10:15:00Z");
            }
        }

        var contentType = String(json, "datacontenttype", errors, required: false);
        if (contentType is not null && !contentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
        {
            errors.Add("datacontenttype", "must be application/json");
        }

        if (!json.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Object)
        {
            errors.Add("data", "is required and must be a JSON object");
            return null;
        }

        var dataLength = data.GetRawText().Length;
        if (dataLength > MaxDataLength)
        {
            errors.Add("data", $"is {dataLength} characters of JSON; at most {MaxDataLength} are kept per message");
        }

        var customer = ParseCustomer(data, errors);
        OrderData? order = null;
        DealData? deal = null;
        if (type is not null)
        {
            if (EventTypes.SubjectOf(type) == SubjectKind.Order)
            {
                order = ParseOrder(data, errors, requireTotals: type == EventTypes.OrderPlaced);
            }
            else
            {
                deal = ParseDeal(data, errors);
            }
        }

        if (!errors.IsEmpty || id is null || source is null || type is null || customer is null)
        {
            return null;
        }

        return new FollowUpEvent(id, source, type, time, customer, order, deal, JsonNode.Parse(data.GetRawText())!.AsObject());
    }

    private static CustomerData? ParseCustomer(JsonElement data, FieldErrors errors)
    {
        const string Path = "data.customer";
        if (!data.TryGetProperty("customer", out var customer) || customer.ValueKind != JsonValueKind.Object)
        {
            errors.Add(Path, "is required and must be an object with id and email");
            return null;
        }

        var id = String(customer, "id", errors, required: true, path: Path, maxLength: MaxIdLength);
        var email = String(customer, "email", errors, required: true, path: Path, maxLength: 254);
        if (email is not null && !IsEmail(email))
        {
            errors.Add(Path + ".email", "is not a valid email address");
        }

        var name = String(customer, "name", errors, required: false, path: Path, maxLength: 200);
        var locale = String(customer, "locale", errors, required: false, path: Path, maxLength: 35);
        if (locale is not null && !IsLocale(locale))
        {
            errors.Add(Path + ".locale", $"'{locale}' is not a BCP 47 language tag such as nb-NO or en");
        }

        var timeZone = String(customer, "timeZone", errors, required: false, path: Path, maxLength: 64);
        if (timeZone is not null && !IsTimeZone(timeZone))
        {
            errors.Add(Path + ".timeZone", $"'{timeZone}' is not an IANA time zone such as Europe/Oslo");
        }

        return id is null || email is null ? null : new CustomerData(id, email, name, locale, timeZone);
    }

    private static OrderData? ParseOrder(JsonElement data, FieldErrors errors, bool requireTotals)
    {
        const string Path = "data.order";
        if (!data.TryGetProperty("order", out var order) || order.ValueKind != JsonValueKind.Object)
        {
            errors.Add(Path, "is required for order events and must be an object");
            return null;
        }

        var id = String(order, "id", errors, required: true, path: Path, maxLength: MaxIdLength);
        var total = Decimal(order, "total", errors, requireTotals, Path);
        var currency = Currency(order, errors, requireTotals, Path);
        var lines = new List<OrderLine>();
        if (order.TryGetProperty("lines", out var linesJson) && linesJson.ValueKind != JsonValueKind.Null)
        {
            if (linesJson.ValueKind != JsonValueKind.Array)
            {
                errors.Add(Path + ".lines", "must be an array");
            }
            else
            {
                var index = 0;
                foreach (var line in linesJson.EnumerateArray())
                {
                    var linePath = $"{Path}.lines[{index++}]";
                    if (line.ValueKind != JsonValueKind.Object)
                    {
                        errors.Add(linePath, "must be an object");
                        continue;
                    }

                    var sku = String(line, "sku", errors, required: true, path: linePath, maxLength: 100);
                    var name = String(line, "name", errors, required: true, path: linePath, maxLength: 500);
                    var quantity = Decimal(line, "quantity", errors, required: true, linePath);
                    if (quantity is not null && (quantity <= 0 || quantity != decimal.Truncate(quantity.Value) || quantity > 1_000_000))
                    {
                        errors.Add(linePath + ".quantity", "must be a positive whole number");
                    }

                    var unitPrice = Decimal(line, "unitPrice", errors, required: true, linePath);
                    if (sku is not null && name is not null && quantity is > 0 and <= 1_000_000 && unitPrice is not null)
                    {
                        lines.Add(new OrderLine(sku, name, (int)quantity.Value, unitPrice.Value));
                    }
                }
            }
        }
        else if (requireTotals)
        {
            errors.Add(Path + ".lines", "is required for order.placed");
        }

        return id is null ? null : new OrderData(id, total, currency, lines);
    }

    private static DealData? ParseDeal(JsonElement data, FieldErrors errors)
    {
        const string Path = "data.deal";
        if (!data.TryGetProperty("deal", out var deal) || deal.ValueKind != JsonValueKind.Object)
        {
            errors.Add(Path, "is required for deal events and must be an object");
            return null;
        }

        var id = String(deal, "id", errors, required: true, path: Path, maxLength: MaxIdLength);
        var title = String(deal, "title", errors, required: false, path: Path, maxLength: 500);
        var amount = Decimal(deal, "amount", errors, required: false, Path);
        var currency = Currency(deal, errors, required: amount is not null, Path);
        string? ownerName = null, ownerEmail = null;
        if (deal.TryGetProperty("owner", out var owner) && owner.ValueKind != JsonValueKind.Null)
        {
            if (owner.ValueKind != JsonValueKind.Object)
            {
                errors.Add(Path + ".owner", "must be an object with name and email");
            }
            else
            {
                ownerName = String(owner, "name", errors, required: false, path: Path + ".owner", maxLength: 200);
                ownerEmail = String(owner, "email", errors, required: false, path: Path + ".owner", maxLength: 254);
                if (ownerEmail is not null && !IsEmail(ownerEmail))
                {
                    errors.Add(Path + ".owner.email", "is not a valid email address");
                }
            }
        }

        return id is null ? null : new DealData(id, title, amount, currency, ownerName, ownerEmail);
    }

    private static string? Currency(JsonElement parent, FieldErrors errors, bool required, string path)
    {
        var currency = String(parent, "currency", errors, required, path);
        if (currency is not null && (currency.Length != 3 || !currency.All(char.IsAsciiLetterUpper)))
        {
            errors.Add(path + ".currency", "must be an ISO 4217 code in capitals, e.g. NOK");
            return null;
        }

        return currency;
    }

    private static string? String(JsonElement parent, string name, FieldErrors errors, bool required, string? path = null, int maxLength = 2048)
    {
        var field = path is null ? name : path + "." + name;
        if (!parent.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            if (required)
            {
                errors.Add(field, "is required");
            }

            return null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            errors.Add(field, "must be a string");
            return null;
        }

        var text = value.GetString()!;
        if (text.Length == 0 || string.IsNullOrWhiteSpace(text))
        {
            errors.Add(field, "must not be empty");
            return null;
        }

        if (text.Length > maxLength)
        {
            errors.Add(field, $"must be at most {maxLength} characters");
            return null;
        }

        return text;
    }

    private static decimal? Decimal(JsonElement parent, string name, FieldErrors errors, bool required, string path)
    {
        var field = path + "." + name;
        if (!parent.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            if (required)
            {
                errors.Add(field, "is required");
            }

            return null;
        }

        if (value.ValueKind != JsonValueKind.Number || !value.TryGetDecimal(out var number))
        {
            errors.Add(field, "must be a number");
            return null;
        }

        if (number < 0)
        {
            errors.Add(field, "must not be negative");
            return null;
        }

        return number;
    }

    internal static bool IsEmail(string text) =>
        MailAddress.TryCreate(text, out var address) && address.Address == text && text.Contains('.', StringComparison.Ordinal);

    internal static bool IsLocale(string tag)
    {
        if (tag.Length < 2 || !tag.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'))
        {
            return false;
        }

        try
        {
            var culture = CultureInfo.GetCultureInfo(tag, predefinedOnly: true);
            return !string.IsNullOrEmpty(culture.Name);
        }
        catch (CultureNotFoundException)
        {
            return false;
        }
    }

    internal static bool IsTimeZone(string id) =>
        id.Contains('/', StringComparison.Ordinal) || id == "UTC"
            ? TimeZoneInfo.TryFindSystemTimeZoneById(id, out _)
            : false;
}
