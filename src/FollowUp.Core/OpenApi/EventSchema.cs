using System.Text.Json.Nodes;
using Microsoft.OpenApi;
using Microsoft.OpenApi.Reader;

namespace FollowUp.OpenApi;

/// <summary>
/// Puts the repository's event schema (JSON Schema 2020-12, which OpenAPI 3.1 takes as it is) into the document's
/// components: the event as <see cref="ComponentName"/> and each of its <c>$defs</c> under its own name, with the
/// references between them pointed at the components.
/// </summary>
public static class EventSchema
{
    public const string ComponentName = "CloudEvent";
    public const string DataComponentName = "EventData";

    private const string DefsPrefix = "#/$defs/";
    private const string ComponentsPrefix = "#/components/schemas/";

    public static void AddTo(OpenApiDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var root = JsonNode.Parse(ContractResources.EventSchema)!.AsObject();
        var defs = root["$defs"]!.AsObject();
        root.Remove("$defs");
        root.Remove("$schema");
        document.Components ??= new OpenApiComponents();
        document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>(StringComparer.Ordinal);
        foreach (var (name, definition) in defs)
        {
            document.Components.Schemas[name] = Parse(definition!, document);
        }

        document.Components.Schemas[ComponentName] = Parse(root, document);

        // Binary mode's body: data alone, for whichever type the ce-type header names.
        document.Components.Schemas[DataComponentName] = Parse(
            new JsonObject
            {
                ["description"] = "The data of an event in binary mode (the attributes travel as ce-* headers).",
                ["anyOf"] = new JsonArray(
                    new JsonObject { ["$ref"] = ComponentsPrefix + "EventPlacedOrderData" },
                    new JsonObject { ["$ref"] = ComponentsPrefix + "EventOrderData" },
                    new JsonObject { ["$ref"] = ComponentsPrefix + "EventDealData" }),
            },
            document);
    }

    private static OpenApiSchema Parse(JsonNode schema, OpenApiDocument document)
    {
        var text = PointAtComponents(schema.DeepClone()).ToJsonString();
        var parsed = OpenApiModelFactory.Parse<OpenApiSchema>(text, OpenApiSpecVersion.OpenApi3_1, document, out var diagnostic, OpenApiConstants.Json);
        if (parsed is null || diagnostic?.Errors.Count > 0)
        {
            throw new InvalidOperationException($"The event schema does not read as an OpenAPI 3.1 schema: {string.Join("; ", diagnostic?.Errors.Select(error => error.Message) ?? [])}");
        }

        return parsed;
    }

    private static JsonNode PointAtComponents(JsonNode node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (name, value) in obj.ToList())
                {
                    if (name == "$ref" && value?.GetValue<string>() is { } reference && reference.StartsWith(DefsPrefix, StringComparison.Ordinal))
                    {
                        obj[name] = ComponentsPrefix + reference[DefsPrefix.Length..];
                    }
                    else if (value is not null)
                    {
                        PointAtComponents(value);
                    }
                }

                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    if (item is not null)
                    {
                        PointAtComponents(item);
                    }
                }

                break;
        }

        return node;
    }
}
