using System.Text.Json.Nodes;
using FollowUp.SelfHost.Storage;
using NJsonSchema;

namespace FollowUp.SelfHost.Tests.OpenApi;

/// <summary>JSON Schema checks (NJsonSchema) of the repository's event schema and of the OpenAPI document's schemas.</summary>
internal static class JsonSchemas
{
    public static string Root { get; } = RepositoryRoot.Find() ?? throw new InvalidOperationException("The repository's root is not above the tests.");

    public static string EventSchemaPath => Path.Combine(Root, "schemas", "followup-event.schema.json");

    public static IReadOnlyList<string> ExampleFiles => Directory.GetFiles(Path.Combine(Root, "examples"), "*.json").Order(StringComparer.Ordinal).ToList();

    /// <summary>
    /// The event schema as NJsonSchema can read it: NJsonSchema resolves references into <c>definitions</c> (draft 7)
    /// but not into <c>$defs</c> (2020-12), so the definitions move there first; nothing else changes.
    /// </summary>
    public static async Task<JsonSchema> EventSchemaAsync()
    {
        var schema = JsonNode.Parse(await File.ReadAllTextAsync(EventSchemaPath))!.AsObject();
        var definitions = schema["$defs"]!.DeepClone();
        schema.Remove("$defs");
        schema.Remove("$schema");
        schema["definitions"] = definitions;
        return await JsonSchema.FromJsonAsync(schema.ToJsonString().Replace("#/$defs/", "#/definitions/", StringComparison.Ordinal));
    }

    /// <summary>
    /// A schema of the document (a component reference or an inline schema), standalone: the document's components
    /// become its definitions, so that every reference resolves.
    /// </summary>
    public static Task<JsonSchema> FromDocumentAsync(JsonNode document, JsonNode schema)
    {
        ArgumentNullException.ThrowIfNull(document);
        var root = new JsonObject
        {
            ["definitions"] = document["components"]!["schemas"]!.DeepClone(),
            ["allOf"] = new JsonArray(schema.DeepClone()),
        };
        return JsonSchema.FromJsonAsync(root.ToJsonString().Replace("#/components/schemas/", "#/definitions/", StringComparison.Ordinal));
    }

    public static IReadOnlyList<string> Errors(JsonSchema schema, JsonNode value) =>
        schema.Validate(value.ToJsonString()).Select(error => error.ToString()).ToList();
}
