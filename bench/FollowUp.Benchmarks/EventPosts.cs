using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using FollowUp.Http;

namespace FollowUp.Benchmarks;

/// <summary>Posts CloudEvents to <c>POST /api/events</c> as a shop would.</summary>
internal static class EventPosts
{
    private static readonly Uri Events = new("/" + FollowUpRoutes.Events, UriKind.Relative);

    private static string? _firstFailure;

    /// <summary>What went wrong with the first request that failed in this process, if any did.</summary>
    public static string? FirstFailure => Volatile.Read(ref _firstFailure);

    /// <summary>One event in structured mode; the answer when it was accepted (202), else null.</summary>
    public static Task<JsonDocument?> PostAsync(HttpClient client, JsonObject cloudEvent, CancellationToken cancellationToken) =>
        SendAsync(client, cloudEvent, EventsApi.StructuredContentType, HttpStatusCode.Accepted, cancellationToken);

    /// <summary>A batch; the answer (with how many were accepted) when the request succeeded (200), else null.</summary>
    public static Task<JsonDocument?> PostBatchAsync(HttpClient client, IEnumerable<JsonObject> cloudEvents, CancellationToken cancellationToken) =>
        SendAsync(client, new JsonArray([.. cloudEvents]), EventsApi.BatchContentType, HttpStatusCode.OK, cancellationToken);

    private static async Task<JsonDocument?> SendAsync(HttpClient client, JsonNode body, string mediaType, HttpStatusCode expected, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        using var content = new StringContent(body.ToJsonString(), Encoding.UTF8, new MediaTypeHeaderValue(mediaType));
        try
        {
            using var response = await client.PostAsync(Events, content, cancellationToken);
            if (response.StatusCode != expected)
            {
                var answer = await response.Content.ReadAsStringAsync(cancellationToken);
                Interlocked.CompareExchange(ref _firstFailure, $"{(int)response.StatusCode} {answer}", null);
                return null;
            }

            return await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(cancellationToken), cancellationToken: cancellationToken);
        }
        catch (HttpRequestException ex)
        {
            Interlocked.CompareExchange(ref _firstFailure, ex.Message, null);
            return null;
        }
    }
}
