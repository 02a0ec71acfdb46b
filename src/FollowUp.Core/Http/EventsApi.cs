using System.Text.Json;
using System.Text.Json.Nodes;
using Azure;
using FollowUp.Events;
using FollowUp.Validation;
using Microsoft.AspNetCore.Http;

namespace FollowUp.Http;

/// <summary>
/// <c>POST /api/events</c>: CloudEvents 1.0 in structured mode (<c>application/cloudevents+json</c>), batched mode
/// (<c>application/cloudevents-batch+json</c>) or binary mode (<c>ce-*</c> headers with a JSON body).
/// </summary>
public static class EventsApi
{
    public const string StructuredContentType = "application/cloudevents+json";
    public const string BatchContentType = "application/cloudevents-batch+json";
    public const int MaxBatchSize = 500;

    public static async Task<IResult> PostAsync(HttpRequest request, EventIngestor ingestor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(ingestor);
        var contentType = request.ContentType ?? string.Empty;
        if (!ApiResults.IsJson(contentType))
        {
            return ApiResults.UnsupportedMediaType($"Send {StructuredContentType}, {BatchContentType}, or binary mode with ce-* headers and a JSON body; got '{contentType}'.");
        }

        if (request.ContentLength > ApiResults.MaxBodyBytes)
        {
            return ApiResults.Invalid("body", $"must be at most {ApiResults.MaxBodyBytes / 1024 / 1024} MiB");
        }

        JsonDocument document;
        try
        {
            document = await JsonDocument.ParseAsync(request.Body, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (JsonException ex)
        {
            return ApiResults.Invalid("body", $"is not valid JSON (line {ex.LineNumber + 1}, position {ex.BytePositionInLine + 1})");
        }

        using (document)
        {
            try
            {
                if (request.Headers.ContainsKey("ce-specversion"))
                {
                    return await SingleAsync(FromBinaryMode(request, document.RootElement), ingestor, cancellationToken).ConfigureAwait(false);
                }

                var isBatch = contentType.StartsWith(BatchContentType, StringComparison.OrdinalIgnoreCase)
                    || (document.RootElement.ValueKind == JsonValueKind.Array && !contentType.StartsWith(StructuredContentType, StringComparison.OrdinalIgnoreCase));
                return isBatch
                    ? await BatchAsync(document.RootElement, ingestor, cancellationToken).ConfigureAwait(false)
                    : await SingleAsync(document.RootElement, ingestor, cancellationToken).ConfigureAwait(false);
            }
            catch (RequestFailedException ex)
            {
                // Nothing is lost: the idempotency marker is written last, so the sender's retry completes the work.
                return ApiResults.Unavailable($"Table Storage answered {ex.Status} ({ex.ErrorCode}).");
            }
        }
    }

    private static async Task<IResult> SingleAsync(JsonElement json, EventIngestor ingestor, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var parsed = EventParser.Parse(json, errors);
        if (parsed is null)
        {
            return ApiResults.Invalid(errors, "The event is not valid.");
        }

        var result = await ingestor.IngestAsync(parsed, cancellationToken).ConfigureAwait(false);
        return result.Status == IngestStatus.Duplicate
            ? Results.Json(result, FollowUpJson.Options, statusCode: StatusCodes.Status200OK)
            : Results.Json(result, FollowUpJson.Options, statusCode: StatusCodes.Status202Accepted);
    }

    private static async Task<IResult> BatchAsync(JsonElement json, EventIngestor ingestor, CancellationToken cancellationToken)
    {
        if (json.ValueKind != JsonValueKind.Array)
        {
            return ApiResults.Invalid("body", "a batch must be a JSON array of events");
        }

        var count = json.GetArrayLength();
        if (count == 0 || count > MaxBatchSize)
        {
            return ApiResults.Invalid("body", $"a batch must hold 1-{MaxBatchSize} events, not {count}");
        }

        var items = new List<EventBatchItem>(count);
        var allErrors = new FieldErrors();
        var index = 0;
        foreach (var element in json.EnumerateArray())
        {
            var errors = new FieldErrors();
            var parsed = EventParser.Parse(element, errors);
            if (parsed is null)
            {
                allErrors.AddAll($"[{index}].", errors);
                items.Add(new EventBatchItem(index, "invalid", Attribute(element, "id"), Attribute(element, "source"), null, errors.ToDictionary()));
            }
            else
            {
                var result = await ingestor.IngestAsync(parsed, cancellationToken).ConfigureAwait(false);
                items.Add(new EventBatchItem(index, result.Status == IngestStatus.Duplicate ? "duplicate" : "accepted", parsed.Id, parsed.Source, result, null));
            }

            index++;
        }

        var invalid = items.Count(item => item.Status == "invalid");
        if (invalid == items.Count)
        {
            return ApiResults.Invalid(allErrors, "No event in the batch is valid.");
        }

        return Results.Json(
            new EventBatchResponse(items.Count(i => i.Status == "accepted"), items.Count(i => i.Status == "duplicate"), invalid, items),
            FollowUpJson.Options);
    }

    /// <summary>Binary content mode: the attributes travel as ce-* headers and the body is the data.</summary>
    private static JsonElement FromBinaryMode(HttpRequest request, JsonElement data)
    {
        var json = new JsonObject();
        foreach (var (name, value) in request.Headers)
        {
            if (name.StartsWith("ce-", StringComparison.OrdinalIgnoreCase) && name.Length > 3)
            {
                json[name[3..].ToLowerInvariant()] = value.ToString();
            }
        }

        json["data"] = JsonNode.Parse(data.GetRawText());
        return JsonSerializer.SerializeToElement(json);
    }

    private static string? Attribute(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
