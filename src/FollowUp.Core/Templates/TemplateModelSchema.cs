using System.Text.Json.Nodes;

namespace FollowUp.Templates;

/// <summary>
/// Every name a template (or a rule's condition) can use: the event's data as the event schema describes it (in
/// snake_case, as templates write it), what FollowUp adds (the customer's history, the event's envelope), and for
/// templates the message, the sender, the links and the functions. The lint checks names against it; the README and
/// the OpenAPI description list it.
/// </summary>
public static class TemplateModelSchema
{
    /// <summary>The repository's <c>schemas/followup-event.schema.json</c>, embedded in this assembly.</summary>
    public const string EventSchemaResource = "FollowUp.Schemas.followup-event.schema.json";

    /// <summary>Scriban's and Liquid's own names, which the lint leaves alone.</summary>
    public static readonly IReadOnlySet<string> Builtins = new HashSet<string>(StringComparer.Ordinal)
    {
        "string", "array", "math", "date", "html", "object", "regex", "timespan", "empty", "blank", "for", "forloop", "while", "tablerow", "tablerowloop", "this", "null", "true", "false",
    };

    private static readonly Lazy<IReadOnlyDictionary<string, ModelField>> Fields = new(Build);

    /// <summary>The top-level names.</summary>
    public static IReadOnlyDictionary<string, ModelField> Root => Fields.Value;

    /// <summary>Every name as a dotted path (<c>order.lines[].name</c>), in order, with its field.</summary>
    public static IEnumerable<(string Path, ModelField Field)> Paths()
    {
        foreach (var field in Root.Values)
        {
            foreach (var path in PathsOf(field.Name, field))
            {
                yield return path;
            }
        }
    }

    private static IEnumerable<(string Path, ModelField Field)> PathsOf(string path, ModelField field)
    {
        yield return (path, field);
        var prefix = field.Type == "list" ? path + "[]." : path + ".";
        foreach (var child in field.Fields.Values)
        {
            foreach (var nested in PathsOf(prefix + child.Name, child))
            {
                yield return nested;
            }
        }
    }

    private static Dictionary<string, ModelField> Build()
    {
        using var stream = typeof(TemplateModelSchema).Assembly.GetManifestResourceStream(EventSchemaResource)
            ?? throw new InvalidOperationException($"The embedded resource {EventSchemaResource} is missing.");
        var schema = JsonNode.Parse(stream)!.AsObject();
        var defs = schema["$defs"]!.AsObject();

        var customer = FromSchema(defs, defs["EventCustomer"]!, "customer", "The customer, as the event gives them and FollowUp knows them.");
        customer = With(customer,
            Field("first_name", "string", "The first word of the customer's name."),
            Field("order_count", "integer", "How many orders FollowUp has seen from the customer, this one included."),
            Field("lifetime_spend", "number", "What the customer's orders have come to, in the orders' currency."),
            Field("first_order_at", "time", "When the customer's first order was placed."),
            Field("last_order_at", "time", "When the customer's last order was placed."));
        var order = With(FromSchema(defs, defs["EventPlacedOrder"]!, "order", "The order (order.* events)."), Field("placed_at", "time", "When the order was placed, once FollowUp has seen order.placed."));
        var deal = FromSchema(defs, defs["EventDeal"]!, "deal", "The deal (deal.* events).");
        var @event = Object("event", "The event that scheduled the message.", false,
            Field("id", "string", "The event's id."),
            Field("source", "string", "Where the event came from."),
            Field("type", "string", "order.placed, deal.lost, …"),
            Field("time", "time", "When it happened."));
        var message = Object("message", "The message being sent.", true,
            Field("id", "string", "Its id."),
            Field("coupon_code", "string", "The coupon code made for it, when its rule makes one."),
            Field("rule_id", "string", "The rule that scheduled it."),
            Field("reminder", "integer", "0 for the message itself, 1 to 3 for its reminders."));
        var sender = Object("sender", "Who the mail is from.", true,
            Field("name", "string", "FollowUp:SendGrid:FromName."),
            Field("email", "string", "FollowUp:SendGrid:FromEmail."));
        ModelField[] templatesOnly =
        [
            message,
            sender,
            Field("unsubscribe_url", "string", "The one-click unsubscribe link; every feedback or marketing message carries it.") with { TemplatesOnly = true },
            Field("content", "string", "In a layout: the message it frames.") with { TemplatesOnly = true },
            Function("answer_url", "answer_url \"price\" \"Price\": a one-click answer link; the label is what the thanks page shows."),
            Function("nps_url", "nps_url 9: the link that answers 9 on the 0–10 recommendation scale."),
            Function("csat_url", "csat_url 5: the link that answers 5 on the 1–5 satisfaction scale."),
            Function("money", "order.total | money order.currency: an amount as the customer's locale writes it."),
            Function("local_date", "order.expected_delivery_at | local_date: a time as the customer's calendar date."),
            Function("web_url", "order.tracking_url | web_url: the value when it is an http(s) link, else nothing."),
            Function("raw", "value | raw: writes HTML as it is (only for HTML you trust)."),
            Function("include", "include \"footer\": a partial, by id."),
        ];
        return new ModelField[] { customer, order, deal, @event }.Concat(templatesOnly).ToDictionary(field => field.Name, StringComparer.Ordinal);
    }

    private static ModelField FromSchema(JsonObject defs, JsonNode node, string name, string? description)
    {
        node = Resolve(defs, node);
        var type = node["type"]?.GetValue<string>();
        var fields = new Dictionary<string, ModelField>(StringComparer.Ordinal);
        foreach (var part in (node["allOf"] as JsonArray ?? []).Append(node))
        {
            foreach (var (key, value) in Resolve(defs, part!)["properties"] as JsonObject ?? [])
            {
                var childName = ScriptModel.SnakeCase(key);
                fields[childName] = FromSchema(defs, value!, childName, value!["description"]?.GetValue<string>() ?? Resolve(defs, value)["description"]?.GetValue<string>());
            }
        }

        if (type == "array")
        {
            var item = FromSchema(defs, node["items"]!, name, null);
            return new ModelField { Name = name, Type = "list", Description = description, Fields = item.Fields };
        }

        var format = node["format"]?.GetValue<string>();
        return new ModelField
        {
            Name = name,
            Type = fields.Count > 0 || type == "object" ? "object" : format == "date-time" ? "time" : type ?? "string",
            Description = description ?? node["description"]?.GetValue<string>(),
            Fields = fields,
        };
    }

    private static JsonNode Resolve(JsonObject defs, JsonNode node)
    {
        for (var depth = 0; node["$ref"]?.GetValue<string>() is { } reference && depth < 10; depth++)
        {
            node = defs[reference["#/$defs/".Length..]]!;
        }

        return node;
    }

    private static ModelField With(ModelField parent, params ModelField[] added)
    {
        var fields = new Dictionary<string, ModelField>(parent.Fields, StringComparer.Ordinal);
        foreach (var field in added)
        {
            fields[field.Name] = field;
        }

        return parent with { Fields = fields };
    }

    private static ModelField Field(string name, string type, string description) => new() { Name = name, Type = type, Description = description };

    private static ModelField Function(string name, string description) => new() { Name = name, Type = "function", Description = description, TemplatesOnly = true };

    private static ModelField Object(string name, string description, bool templatesOnly, params ModelField[] fields) => new()
    {
        Name = name,
        Type = "object",
        Description = description,
        TemplatesOnly = templatesOnly,
        Fields = fields.ToDictionary(field => field.Name, StringComparer.Ordinal),
    };
}
