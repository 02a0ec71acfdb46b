using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using FollowUp.Storage;
using FollowUp.Validation;

namespace FollowUp.Events;

/// <summary>
/// Validates a CloudEvents 1.0 structured-mode event and every part of its data that the pipeline reads later,
/// naming each bad field (CloudEvents attributes by name, data fields as <c>data.customer.email</c>). Whatever passes
/// here can be stored and dispatched: ids fit table keys once encoded, amounts and sums stay in range, and text is
/// valid Unicode. Nothing is written before an event has passed.
/// </summary>
public static class EventParser
{
    /// <summary>Ids become table keys (at most 1 KiB); encoded, each id keeps well inside that with room for a prefix.</summary>
    public const int MaxKeyLength = 256;

    /// <summary>Each message keeps the event's data in one Table Storage property, which holds 32K characters.</summary>
    public const int MaxDataLength = 24_000;

    public const int MaxLines = 200;

    /// <summary>A trillion: no order or deal is larger, and a customer's lifetime sum of them stays far inside <see cref="decimal"/>.</summary>
    public const decimal MaxAmount = 1_000_000_000_000m;

    private const int MaxQuantity = 1_000_000;

    /// <summary>Table Storage keeps times from 1601, but nothing a shop or CRM reports happened before 1970.</summary>
    private static readonly DateTimeOffset Earliest = DateTimeOffset.UnixEpoch;

    public static FollowUpEvent? Parse(JsonElement json, FieldErrors errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (json.ValueKind != JsonValueKind.Object)
        {
            errors.Add("$", "an event must be a JSON object");
            return null;
        }

        var textErrors = new FieldErrors();
        JsonText.CheckStrings(json, string.Empty, textErrors);
        if (!textErrors.IsEmpty)
        {
            errors.AddAll(string.Empty, textErrors);
            return null;
        }

        var specVersion = String(json, "specversion", errors, required: true, maxLength: 10);
        if (specVersion is not null && specVersion != "1.0")
        {
            errors.Add("specversion", $"{Formats.Quote(specVersion)} is not supported; use 1.0");
        }

        var id = Key(json, "id", errors, required: true);
        var source = String(json, "source", errors, required: true, maxLength: 1024);
        if (source is not null && (!Uri.TryCreate(source, UriKind.RelativeOrAbsolute, out _) || TableKey.Encode(source).Length > 2 * MaxKeyLength))
        {
            errors.Add("source", "must be a URI-reference of at most 512 characters");
        }

        var type = String(json, "type", errors, required: true, maxLength: 100);
        if (type is not null && !EventTypes.IsKnown(type))
        {
            errors.Add("type", $"{Formats.Quote(type)} is not one of {string.Join(", ", EventTypes.All)}");
            type = null;
        }

        var time = Time(json, "time", "time", errors);
        var contentType = String(json, "datacontenttype", errors, required: false, maxLength: 200);
        if (contentType is not null && !contentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
        {
            errors.Add("datacontenttype", "must be application/json");
        }

        if (!json.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Object)
        {
            errors.Add("data", "is required and must be a JSON object");
            return null;
        }

        // Measured as it is stored (unescaped), so a sender whose serializer writes ø as \u00f8 is not penalised.
        var rawLength = data.GetRawText().Length;
        var dataNode = rawLength <= 6 * MaxDataLength ? JsonNode.Parse(data.GetRawText())!.AsObject() : null;
        var dataLength = dataNode?.ToJsonString(FollowUpJson.Storage).Length ?? rawLength;
        if (dataLength > MaxDataLength)
        {
            errors.Add("data", $"is {dataLength} characters of JSON; at most {MaxDataLength} are kept per message");
            return null;
        }

        var customer = ParseCustomer(data, errors);
        OrderData? order = null;
        DealData? deal = null;
        if (type is not null)
        {
            if (EventTypes.SubjectOf(type) == SubjectKind.Order)
            {
                order = ParseOrder(data, errors, isPlaced: type == EventTypes.OrderPlaced);
                Absent(data, "deal", "order", errors);
            }
            else
            {
                deal = ParseDeal(data, errors);
                Absent(data, "order", "deal", errors);
            }
        }

        if (!errors.IsEmpty || id is null || source is null || type is null || customer is null)
        {
            return null;
        }

        return new FollowUpEvent(id, source, type, time, customer, order, deal, dataNode!);
    }

    private static CustomerData? ParseCustomer(JsonElement data, FieldErrors errors)
    {
        const string Path = "data.customer";
        if (!data.TryGetProperty("customer", out var customer) || customer.ValueKind != JsonValueKind.Object)
        {
            errors.Add(Path, "is required and must be an object with id and email");
            return null;
        }

        var id = Key(customer, "id", errors, required: true, Path);
        var email = String(customer, "email", errors, required: true, Path, maxLength: 254);
        if (email is not null && !Formats.IsEmail(email))
        {
            errors.Add(Path + ".email", "is not a valid email address");
            email = null;
        }
        else if (email is not null && TableKey.Encode(email.Trim().ToLowerInvariant()).Length > 2 * MaxKeyLength)
        {
            // Suppressions are keyed by the address; one that cannot be a key could never be unsubscribed.
            errors.Add(Path + ".email", "is too long to store: at most 512 characters, counting each character other than ASCII letters, digits and -_.:@+=, as 3 to 12");
            email = null;
        }

        var name = String(customer, "name", errors, required: false, Path, maxLength: 200);
        var locale = String(customer, "locale", errors, required: false, Path, maxLength: 35);
        if (locale is not null && !Formats.IsLocale(locale))
        {
            errors.Add(Path + ".locale", $"{Formats.Quote(locale)} is not a BCP 47 language tag such as nb-NO or en");
        }

        var timeZone = String(customer, "timeZone", errors, required: false, Path, maxLength: 64);
        if (timeZone is not null && !Formats.IsTimeZone(timeZone))
        {
            errors.Add(Path + ".timeZone", $"{Formats.Quote(timeZone)} is not an IANA time zone such as Europe/Oslo");
        }

        var country = String(customer, "country", errors, required: false, Path, maxLength: 2);
        if (country is not null && (country.Length != 2 || !country.All(char.IsAsciiLetterUpper)))
        {
            errors.Add(Path + ".country", "must be an ISO 3166 alpha-2 code in capitals, e.g. NO");
        }

        var consent = Boolean(customer, "marketingConsent", Path, errors);
        return id is null || email is null ? null : new CustomerData(id, email, name, locale, timeZone, country, consent);
    }

    private static OrderData? ParseOrder(JsonElement data, FieldErrors errors, bool isPlaced)
    {
        const string Path = "data.order";
        if (!data.TryGetProperty("order", out var order) || order.ValueKind != JsonValueKind.Object)
        {
            errors.Add(Path, "is required for order events and must be an object");
            return null;
        }

        var id = Key(order, "id", errors, required: true, Path);
        var total = Amount(order, "total", errors, isPlaced, Path);
        var currency = Currency(order, errors, isPlaced, Path);
        String(order, "trackingUrl", errors, required: false, Path, maxLength: 2048);
        String(order, "reviewUrl", errors, required: false, Path, maxLength: 2048);
        String(order, "carrier", errors, required: false, Path, maxLength: 200);
        Time(order, "expectedDeliveryAt", Path + ".expectedDeliveryAt", errors);
        var lines = new List<OrderLine>();
        if (order.TryGetProperty("lines", out var linesJson) && linesJson.ValueKind != JsonValueKind.Null)
        {
            if (linesJson.ValueKind != JsonValueKind.Array)
            {
                errors.Add(Path + ".lines", "must be an array");
            }
            else if (linesJson.GetArrayLength() > MaxLines)
            {
                errors.Add(Path + ".lines", $"must hold at most {MaxLines} lines, not {linesJson.GetArrayLength()}");
            }
            else
            {
                var index = 0;
                foreach (var line in linesJson.EnumerateArray())
                {
                    var linePath = $"{Path}.lines[{index++}]";
                    if (line.ValueKind != JsonValueKind.Object)
                    {
                        errors.Add(linePath, "must be an object with sku, name, quantity and unitPrice");
                        continue;
                    }

                    var sku = String(line, "sku", errors, required: true, linePath, maxLength: 100);
                    var name = String(line, "name", errors, required: true, linePath, maxLength: 500);
                    var quantity = Amount(line, "quantity", errors, required: true, linePath);
                    if (quantity is not null && (quantity <= 0 || quantity != decimal.Truncate(quantity.Value) || quantity > MaxQuantity))
                    {
                        errors.Add(linePath + ".quantity", $"must be a whole number from 1 to {MaxQuantity}");
                        quantity = null;
                    }

                    var unitPrice = Amount(line, "unitPrice", errors, required: true, linePath);
                    if (sku is not null && name is not null && quantity is not null && unitPrice is not null)
                    {
                        lines.Add(new OrderLine(sku, name, (int)quantity.Value, unitPrice.Value));
                    }
                }
            }
        }
        else if (isPlaced)
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

        var id = Key(deal, "id", errors, required: true, Path);
        var title = String(deal, "title", errors, required: false, Path, maxLength: 500);
        var amount = Amount(deal, "amount", errors, required: false, Path);
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
                ownerName = String(owner, "name", errors, required: false, Path + ".owner", maxLength: 200);
                ownerEmail = String(owner, "email", errors, required: false, Path + ".owner", maxLength: 254);
                if (ownerEmail is not null && !Formats.IsEmail(ownerEmail))
                {
                    errors.Add(Path + ".owner.email", "is not a valid email address");
                }
            }
        }

        return id is null ? null : new DealData(id, title, amount, currency, ownerName, ownerEmail);
    }

    /// <summary>An order event carrying a <c>deal</c> (or the reverse) would give templates two subjects to mix up.</summary>
    private static void Absent(JsonElement data, string name, string kind, FieldErrors errors)
    {
        if (data.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null)
        {
            errors.Add("data." + name, $"is not allowed on {kind} events: an event is about one order or one deal");
        }
    }

    private static string? Currency(JsonElement parent, FieldErrors errors, bool required, string path)
    {
        var currency = String(parent, "currency", errors, required, path, maxLength: 3);
        if (currency is not null && (currency.Length != 3 || !currency.All(char.IsAsciiLetterUpper)))
        {
            errors.Add(path + ".currency", "must be an ISO 4217 code in capitals, e.g. NOK");
            return null;
        }

        return currency;
    }

    /// <summary>An id that becomes part of a table key: bounded on its encoded form, which is what the key limit counts.</summary>
    private static string? Key(JsonElement parent, string name, FieldErrors errors, bool required, string? path = null)
    {
        var value = String(parent, name, errors, required, path, maxLength: MaxKeyLength);
        if (value is not null && TableKey.Encode(value).Length > MaxKeyLength)
        {
            errors.Add(path is null ? name : path + "." + name, $"is too long to store: at most {MaxKeyLength} characters, counting each character other than ASCII letters, digits and -_.:@+=, as 3 to 12");
            return null;
        }

        return value;
    }

    private static DateTimeOffset? Time(JsonElement parent, string name, string field, FieldErrors errors)
    {
        if (!parent.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        var text = value.ValueKind == JsonValueKind.String ? value.GetString()! : null;
        if (text is null || text.Length > 40
            || !DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var parsed)
            || text.Length < 20 || text[10] is not ('T' or 't')
            || !(text.EndsWith('Z') || text.EndsWith('z') || text.LastIndexOfAny(['+', '-']) > 10))
        {
            errors.Add(field, "must be an RFC 3339 timestamp with a UTC offset, e.g. 2026-11-23T10:15:00Z");
            return null;
        }

        if (parsed < Earliest)
        {
            errors.Add(field, "must not be before 1970-01-01T00:00:00Z");
            return null;
        }

        return parsed;
    }

    private static bool? Boolean(JsonElement parent, string name, string path, FieldErrors errors)
    {
        if (!parent.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
        {
            errors.Add(path + "." + name, "must be true or false");
            return null;
        }

        return value.GetBoolean();
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
        if (string.IsNullOrWhiteSpace(text))
        {
            errors.Add(field, "must not be empty");
            return null;
        }

        if (text.Length > maxLength)
        {
            errors.Add(field, $"must be at most {maxLength} characters, not {text.Length}");
            return null;
        }

        return text;
    }

    private static decimal? Amount(JsonElement parent, string name, FieldErrors errors, bool required, string path)
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

        if (value.ValueKind != JsonValueKind.Number)
        {
            errors.Add(field, "must be a number");
            return null;
        }

        if (!value.TryGetDecimal(out var number) || number < 0 || number > MaxAmount)
        {
            errors.Add(field, $"must be a number from 0 to {MaxAmount.ToString("N0", CultureInfo.InvariantCulture)}");
            return null;
        }

        return number;
    }
}
