using System.Text.Json.Nodes;

namespace FollowUp.SelfHost.Tests.OpenApi;

/// <summary>The served OpenAPI document, read as JSON: its operations and every example in it with the schema it must fit.</summary>
internal sealed class ApiDocument(JsonNode json)
{
    public JsonNode Json { get; } = json;

    public static async Task<ApiDocument> ReadAsync(HttpClient client)
    {
        using var response = await client.GetAsync(new Uri("/openapi/v1.json", UriKind.Relative));
        response.EnsureSuccessStatusCode();
        return new ApiDocument(JsonNode.Parse(await response.Content.ReadAsStringAsync())!);
    }

    public IEnumerable<(string Method, string Path, JsonObject Operation)> Operations =>
        Json["paths"]!.AsObject().SelectMany(path => path.Value!.AsObject().Select(operation => (operation.Key.ToUpperInvariant(), path.Key, operation.Value!.AsObject())));

    public JsonObject Operation(string operationId) => Operations.Single(operation => (string?)operation.Operation["operationId"] == operationId).Operation;

    /// <summary>Every example: where it is (operation, request or response status, media type, name), its value and the schema it must fit.</summary>
    public IEnumerable<(string Where, JsonNode Value, JsonNode Schema)> Examples()
    {
        foreach (var (method, path, operation) in Operations)
        {
            foreach (var (where, content) in Contents(operation))
            {
                foreach (var (mediaType, media) in content)
                {
                    foreach (var (name, example) in media!["examples"]?.AsObject() ?? [])
                    {
                        yield return ($"{method} {path} {where} {mediaType} '{name}'", example!["value"]!, media["schema"]!);
                    }
                }
            }
        }
    }

    private static IEnumerable<(string Where, JsonObject Content)> Contents(JsonObject operation)
    {
        if (operation["requestBody"]?["content"] is JsonObject request)
        {
            yield return ("request", request);
        }

        foreach (var (status, response) in operation["responses"]?.AsObject() ?? [])
        {
            if (response?["content"] is JsonObject content)
            {
                yield return ("response " + status, content);
            }
        }
    }
}
