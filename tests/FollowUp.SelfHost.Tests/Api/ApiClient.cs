using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace FollowUp.SelfHost.Tests.Api;

internal static class ApiClient
{
    public static async Task<(HttpResponseMessage Response, JsonNode? Body)> SendAsync(this HttpClient client, HttpMethod method, string path, string? body = null, string contentType = "application/json", Action<HttpRequestMessage>? configure = null)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8);
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        }

        configure?.Invoke(request);
        var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        JsonNode? json = null;
        if (response.Content.Headers.ContentType?.MediaType?.Contains("json", StringComparison.Ordinal) == true && text.Length > 0)
        {
            json = JsonNode.Parse(text);
        }

        return (response, json);
    }

    public static string[] ErrorFields(JsonNode? problem) =>
        problem?["errors"]?.AsObject().Select(pair => pair.Key).Order(StringComparer.Ordinal).ToArray() ?? [];
}
