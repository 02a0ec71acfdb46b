using System.Text.Json;
using System.Text.Json.Nodes;
using Azure;
using FollowUp.Events;
using FollowUp.Ingest;
using FollowUp.Storage;
using FollowUp.Validation;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using EventsResult = Microsoft.AspNetCore.Http.HttpResults.Results<
    Microsoft.AspNetCore.Http.HttpResults.JsonHttpResult<FollowUp.Ingest.IngestResult>,
    Microsoft.AspNetCore.Http.HttpResults.JsonHttpResult<FollowUp.Http.EventBatchResponse>,
    Microsoft.AspNetCore.Http.HttpResults.ValidationProblem,
    Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult>;

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

    public static async Task<EventsResult> PostAsync(HttpRequest request, EventIngestor ingestor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(ingestor);
        var contentType = request.ContentType ?? string.Empty;
        if (!ApiResults.IsJson(contentType))
        {
            return ApiResults.UnsupportedMediaType($"Send {StructuredContentType}, {BatchContentType}, or binary mode with ce-* headers and a JSON body; got {Validation.Formats.Quote(contentType)}.");
        }

        JsonDocument document;
        ReadOnlyMemory<byte> body = default;
        try
        {
            body = await ApiResults.ReadBodyAsync(request, cancellationToken).ConfigureAwait(false);
            document = JsonDocument.Parse(body, JsonText.DocumentOptions);
        }
        catch (BodyTooLargeException)
        {
            return ApiResults.TooLarge();
        }
        catch (InvalidOperationException)
        {
            var errors = new FieldErrors();
            JsonText.CheckNames(body, request.Headers.ContainsKey("ce-specversion") ? "data" : string.Empty, errors);
            return ApiResults.Invalid(errors);
        }
        catch (JsonException ex)
        {
            var why = ex.Message.StartsWith("Duplicate property", StringComparison.Ordinal) || ex.Message.Contains("duplicate", StringComparison.OrdinalIgnoreCase)
                ? "holds a duplicate field name"
                : ex.Message.Contains("depth", StringComparison.OrdinalIgnoreCase) ? $"is nested deeper than {JsonText.MaxDepth} levels" : "is not valid JSON";
            return ApiResults.Invalid("body", $"{why} (line {ex.LineNumber + 1}, position {ex.BytePositionInLine + 1})");
        }

        using (document)
        {
            try
            {
                if (request.Headers.ContainsKey("ce-specversion"))
                {
                    // The body is the data; its text is checked before it is copied into an event.
                    var textErrors = new FieldErrors();
                    JsonText.CheckStrings(document.RootElement, "data", textErrors);
                    return textErrors.IsEmpty
                        ? await SingleAsync(FromBinaryMode(request, document.RootElement), ingestor, cancellationToken).ConfigureAwait(false)
                        : ApiResults.Invalid(textErrors, "The event is not valid.");
                }

                var isBatch = contentType.StartsWith(BatchContentType, StringComparison.OrdinalIgnoreCase)
                    || (document.RootElement.ValueKind == JsonValueKind.Array && !contentType.StartsWith(StructuredContentType, StringComparison.OrdinalIgnoreCase));
                return isBatch
                    ? await BatchAsync(document.RootElement, ingestor, cancellationToken).ConfigureAwait(false)
                    : await SingleAsync(document.RootElement, ingestor, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (StorageFailure.Is(ex))
            {
                // Nothing is lost: the idempotency marker is written last, so the sender's retry completes the work.
                return ApiResults.Unavailable($"Table Storage answered {StorageFailure.StatusOf(ex)}.");
            }
        }
    }

    private static async Task<EventsResult> SingleAsync(JsonElement json, EventIngestor ingestor, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var parsed = EventParser.Parse(json, errors);
        if (parsed is null)
        {
            return ApiResults.Invalid(errors, "The event is not valid.");
        }

        var result = await ingestor.IngestAsync(parsed, cancellationToken).ConfigureAwait(false);
        return result.Status == IngestStatus.Duplicate
            ? TypedResults.Json(result, FollowUpJson.Options, statusCode: StatusCodes.Status200OK)
            : TypedResults.Json(result, FollowUpJson.Options, statusCode: StatusCodes.Status202Accepted);
    }

    /// <summary>
    /// Each event of a batch stands alone: an invalid one is that item's error, and one that storage could not take is
    /// that item's "unavailable" (the whole answer is then 503, so the sender retries; the events already taken answer
    /// "duplicate" on the retry). One poison event never costs the others.
    /// </summary>
    private static async Task<EventsResult> BatchAsync(JsonElement json, EventIngestor ingestor, CancellationToken cancellationToken)
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

        var items = new EventBatchItem?[count];
        var allErrors = new FieldErrors();
        var valid = new List<(int Index, FollowUpEvent Event)>();
        var index = 0;
        foreach (var element in json.EnumerateArray())
        {
            // Fewer fields per item than for a single event: 500 bad items must not make an answer of megabytes.
            var errors = new FieldErrors(maxFields: 10);
            var parsed = EventParser.Parse(element, errors);
            if (parsed is null)
            {
                allErrors.AddAll($"[{index}].", errors);
                items[index] = new EventBatchItem(index, "invalid", Attribute(element, "id"), Attribute(element, "source"), null, errors.ToDictionary());
            }
            else
            {
                valid.Add((index, parsed));
            }

            index++;
        }

        // The valid events are taken together, sharing storage requests; each still stands or falls alone.
        var outcomes = valid.Count == 0 ? [] : await ingestor.IngestBatchAsync([.. valid.Select(v => v.Event)], cancellationToken).ConfigureAwait(false);
        for (var k = 0; k < outcomes.Count; k++)
        {
            var (at, parsed) = valid[k];
            items[at] = outcomes[k] switch
            {
                { Result: { } result } => new EventBatchItem(at, result.Status == IngestStatus.Duplicate ? "duplicate" : "accepted", parsed.Id, parsed.Source, result, null),
                { Failure: { } failure } when StorageFailure.Is(failure) => new EventBatchItem(at, "unavailable", parsed.Id, parsed.Source, null, new Dictionary<string, string[]>
                {
                    ["$"] = [$"storage answered {StorageFailure.StatusOf(failure)}; send the batch again: the events already taken answer 'duplicate'"],
                }),
                { Failure: { } failure } => throw new InvalidOperationException($"Event {k} of the batch failed.", failure),
                _ => throw new InvalidOperationException("An event of the batch has neither a result nor a failure."),
            };
        }

        var all = items.Select(item => item!).ToList();
        var invalid = all.Count(item => item.Status == "invalid");
        var unavailable = all.Count(item => item.Status == "unavailable");
        if (invalid == all.Count)
        {
            return ApiResults.Invalid(allErrors, "No event in the batch is valid.");
        }

        var response = new EventBatchResponse(all.Count(i => i.Status == "accepted"), all.Count(i => i.Status == "duplicate"), invalid, all) { Unavailable = unavailable };
        return TypedResults.Json(response, FollowUpJson.Options, statusCode: unavailable > 0 ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status200OK);
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

    private static string? Attribute(JsonElement element, string name)
    {
        if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(name, out var value) || value.ValueKind != JsonValueKind.String)
        {
            return null;
        }

        try
        {
            var text = value.GetString();
            return text is { Length: <= 256 } ? text : null;
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }
}
