using System.Net.Mime;
using System.Text.Json;
using FollowUp.Validation;
using Microsoft.AspNetCore.Http;

namespace FollowUp.Http;

/// <summary>RFC 9457 problem responses and JSON request bodies read with errors that name the field.</summary>
public static class ApiResults
{
    public const int MaxBodyBytes = 4 * 1024 * 1024;

    public static IResult Invalid(FieldErrors errors, string title = "The request is not valid.") =>
        Results.ValidationProblem(errors.ToDictionary(), title: title, type: "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.1");

    public static IResult Invalid(string field, string reason, string title = "The request is not valid.")
    {
        var errors = new FieldErrors();
        errors.Add(field, reason);
        return Invalid(errors, title);
    }

    public static IResult NotFound(string what) =>
        Results.Problem(title: "Not found.", detail: what, statusCode: StatusCodes.Status404NotFound, type: "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.5");

    public static IResult VersionConflict(string detail) =>
        Results.Problem(title: "The resource has changed since you read it.", detail: detail, statusCode: StatusCodes.Status412PreconditionFailed, type: "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.13");

    public static IResult UnsupportedMediaType(string detail) =>
        Results.Problem(title: "Unsupported media type.", detail: detail, statusCode: StatusCodes.Status415UnsupportedMediaType, type: "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.16");

    public static IResult Unavailable(string detail) =>
        Results.Problem(title: "Storage is unavailable; nothing was changed. Try again.", detail: detail, statusCode: StatusCodes.Status503ServiceUnavailable, type: "https://www.rfc-editor.org/rfc/rfc9110#section-15.6.4");

    public static bool IsJson(string? contentType) =>
        contentType is null
        || contentType.StartsWith(MediaTypeNames.Application.Json, StringComparison.OrdinalIgnoreCase)
        || contentType.Contains("+json", StringComparison.OrdinalIgnoreCase);

    /// <summary>Reads the body as JSON; on failure returns null and names the offending field (or <c>body</c>) in <paramref name="errors"/>.</summary>
    public static async Task<T?> ReadJsonAsync<T>(HttpRequest request, FieldErrors errors, CancellationToken cancellationToken)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(errors);
        if (!IsJson(request.ContentType))
        {
            errors.Add("body", $"must be JSON (Content-Type application/json), not {request.ContentType}");
            return null;
        }

        if (request.ContentLength > MaxBodyBytes)
        {
            errors.Add("body", $"must be at most {MaxBodyBytes / 1024 / 1024} MiB");
            return null;
        }

        try
        {
            var value = await JsonSerializer.DeserializeAsync<T>(request.Body, FollowUpJson.Options, cancellationToken).ConfigureAwait(false);
            if (value is null)
            {
                errors.Add("body", "must be a JSON object");
            }

            return value;
        }
        catch (JsonException ex)
        {
            errors.Add(FieldOf(ex.Path), $"is not valid: {FirstSentence(ex.Message)} (line {ex.LineNumber + 1}, position {ex.BytePositionInLine + 1})");
            return null;
        }
    }

    /// <summary>Turns a JSON path such as <c>$.locales.en.subject</c> into the field name <c>locales.en.subject</c>.</summary>
    public static string FieldOf(string? path) =>
        string.IsNullOrEmpty(path) || path == "$" ? "body" : path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(". ", StringComparison.Ordinal);
        return end > 0 ? message[..(end + 1)] : message;
    }

    public static int? ExpectedVersion(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var ifMatch = request.Headers.IfMatch.ToString().Trim();
        return ifMatch.Length > 3 && ifMatch.StartsWith("\"v", StringComparison.Ordinal) && int.TryParse(ifMatch[2..^1], out var version) ? version : null;
    }

    public static string ETagFor(int version) => $"\"v{version}\"";
}
