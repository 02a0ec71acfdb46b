using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using FollowUp.Http;
using FollowUp.Rules;
using FollowUp.Templates;

namespace FollowUp.Cli.Api;

/// <summary>
/// The rules and templates routes of a running FollowUp. Every answer but success becomes an
/// <see cref="ApiException"/> saying what the API said; a failure to reach it is the HttpClient's own exception.
/// </summary>
internal sealed class FollowUpApi(HttpClient http)
{
    public async Task<IReadOnlyList<Rule>> ListRulesAsync(CancellationToken cancellationToken) =>
        await ReadAsync<List<Rule>>(HttpMethod.Get, FollowUpRoutes.Rules, cancellationToken).ConfigureAwait(false);

    public async Task<IReadOnlyList<MessageTemplate>> ListTemplatesAsync(CancellationToken cancellationToken) =>
        await ReadAsync<List<MessageTemplate>>(HttpMethod.Get, FollowUpRoutes.Templates, cancellationToken).ConfigureAwait(false);

    /// <summary>The rule or template as stored now; null when there is none.</summary>
    public async Task<JsonObject?> GetAsync(ResourceKind kind, string id, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(HttpMethod.Get, Route(kind, id), null, null, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        await ThrowUnlessSuccessAsync(response, cancellationToken).ConfigureAwait(false);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false))?.AsObject();
    }

    /// <summary>Creates (no version) or replaces (the version read, as If-Match) a rule or template.</summary>
    /// <returns>The version saved.</returns>
    public async Task<int> PutAsync(ResourceKind kind, string id, JsonObject body, int? version, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(HttpMethod.Put, Route(kind, id), body, version, cancellationToken).ConfigureAwait(false);
        await ThrowUnlessSuccessAsync(response, cancellationToken).ConfigureAwait(false);
        var saved = JsonNode.Parse(await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false));
        return saved?["version"]?.GetValue<int>() ?? 0;
    }

    public async Task DeleteAsync(ResourceKind kind, string id, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(HttpMethod.Delete, Route(kind, id), null, null, cancellationToken).ConfigureAwait(false);
        await ThrowUnlessSuccessAsync(response, cancellationToken).ConfigureAwait(false);
    }

    private async Task<T> ReadAsync<T>(HttpMethod method, string path, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(method, path, null, null, cancellationToken).ConfigureAwait(false);
        await ThrowUnlessSuccessAsync(response, cancellationToken).ConfigureAwait(false);
        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return JsonSerializer.Deserialize<T>(text, FollowUpJson.Options)
                ?? throw new ApiException((int)response.StatusCode, $"GET /{path} answered null.");
        }
        catch (JsonException ex)
        {
            // The contract refuses fields it does not know; from a server that is what a newer FollowUp sends.
            throw new ApiException((int)response.StatusCode, $"GET /{path} answered with content this tool does not understand ({ex.Path}: {ex.Message}); is the tool older than the server?");
        }
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, JsonObject? body, int? version, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        if (body is not null)
        {
            request.Content = new StringContent(body.ToJsonString(FollowUpJson.Options), Encoding.UTF8, "application/json");
        }

        if (version is { } v)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ApiResults.ETagFor(v));
        }

        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        return await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }

    private static async Task ThrowUnlessSuccessAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode)
        {
            return;
        }

        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        var request = $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri?.AbsolutePath}";
        throw new ApiException((int)response.StatusCode, $"{request} answered {(int)response.StatusCode} {response.ReasonPhrase}: {ProblemWords(text)}");
    }

    /// <summary>An RFC 9457 problem as a person reads it: its title and detail, then each field with its reasons.</summary>
    public static string ProblemWords(string text)
    {
        JsonNode? problem;
        try
        {
            problem = JsonNode.Parse(text);
        }
        catch (JsonException)
        {
            return text.Length > 300 ? text[..300] + "…" : text;
        }

        if (problem is not JsonObject obj)
        {
            return text;
        }

        var words = new StringBuilder();
        words.Append(obj["title"]?.ToString());
        if (obj["detail"]?.ToString() is { Length: > 0 } detail)
        {
            words.Append(' ').Append(detail);
        }

        foreach (var (field, reasons) in obj["errors"] as JsonObject ?? [])
        {
            foreach (var reason in reasons as JsonArray ?? [])
            {
                words.Append("\n    ").Append(field).Append(": ").Append(reason);
            }
        }

        return words.ToString();
    }

    private static string Route(ResourceKind kind, string id) =>
        $"{(kind == ResourceKind.Rule ? FollowUpRoutes.Rules : FollowUpRoutes.Templates)}/{Uri.EscapeDataString(id)}";
}
