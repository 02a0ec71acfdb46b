using System.Buffers;
using System.Globalization;
using System.Net.Mime;
using System.Text.Json;
using FollowUp.Storage;
using FollowUp.Validation;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace FollowUp.Http;

/// <summary>RFC 9457 problem responses, request bodies read within a byte limit, and JSON errors that name the field.</summary>
public static class ApiResults
{
    public const int MaxBodyBytes = 4 * 1024 * 1024;

    public static ValidationProblem Invalid(FieldErrors errors, string title = "The request is not valid.")
    {
        ArgumentNullException.ThrowIfNull(errors);
        return TypedResults.ValidationProblem(
            errors.ToDictionary(),
            detail: errors.Omitted > 0 ? $"The {FieldErrors.MaxFields} fields listed have errors, and {errors.Omitted} more errors were found." : null,
            title: title,
            type: "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.1");
    }

    public static ValidationProblem Invalid(string field, string reason, string title = "The request is not valid.")
    {
        var errors = new FieldErrors();
        errors.Add(field, reason);
        return Invalid(errors, title);
    }

    public static ProblemHttpResult NotFound(string what) =>
        TypedResults.Problem(title: "Not found.", detail: what, statusCode: StatusCodes.Status404NotFound, type: "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.5");

    public static ProblemHttpResult Conflict(EditConflictException conflict)
    {
        ArgumentNullException.ThrowIfNull(conflict);
        var (title, type) = conflict.Status switch
        {
            StatusCodes.Status412PreconditionFailed => ("The resource has changed since you read it.", "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.13"),
            StatusCodes.Status428PreconditionRequired => ("If-Match is required to replace an existing resource.", "https://www.rfc-editor.org/rfc/rfc6585#section-3"),
            _ => ("The resource was created by someone else at the same moment.", "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.10"),
        };
        return TypedResults.Problem(title: title, detail: conflict.Message, statusCode: conflict.Status, type: type);
    }

    /// <summary>The request cannot be carried out in the resource's current state (RFC 9110 409).</summary>
    public static ProblemHttpResult StateConflict(string title, string detail) =>
        TypedResults.Problem(title: title, detail: detail, statusCode: StatusCodes.Status409Conflict, type: "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.10");

    public static ProblemHttpResult UnsupportedMediaType(string detail) =>
        TypedResults.Problem(title: "Unsupported media type.", detail: detail, statusCode: StatusCodes.Status415UnsupportedMediaType, type: "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.16");

    public static ProblemHttpResult TooLarge() =>
        TypedResults.Problem(
            title: "The request body is too large.",
            detail: $"body: must be at most {MaxBodyBytes / 1024 / 1024} MiB.",
            statusCode: StatusCodes.Status413PayloadTooLarge,
            type: "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.14",
            extensions: new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { ["body"] = [$"must be at most {MaxBodyBytes} bytes"] } });

    public static ProblemHttpResult Unavailable(string detail) =>
        TypedResults.Problem(title: "Storage is unavailable. Try again: a retry completes what was started.", detail: detail, statusCode: StatusCodes.Status503ServiceUnavailable, type: "https://www.rfc-editor.org/rfc/rfc9110#section-15.6.4");

    public static bool IsJson(string? contentType) =>
        contentType is null
        || contentType.StartsWith(MediaTypeNames.Application.Json, StringComparison.OrdinalIgnoreCase)
        || contentType.Contains("+json", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Reads the whole body, counting the bytes actually read (a chunked body has no Content-Length to trust).
    /// </summary>
    /// <exception cref="BodyTooLargeException">The body is larger than <see cref="MaxBodyBytes"/>.</exception>
    public static async Task<ReadOnlyMemory<byte>> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.ContentLength > MaxBodyBytes)
        {
            throw new BodyTooLargeException();
        }

        var buffer = new ArrayBufferWriter<byte>(request.ContentLength is > 0 and <= MaxBodyBytes ? (int)request.ContentLength.Value : 16 * 1024);
        while (true)
        {
            var memory = buffer.GetMemory(16 * 1024);
            var read = await request.Body.ReadAsync(memory, cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                return buffer.WrittenMemory;
            }

            buffer.Advance(read);
            if (buffer.WrittenCount > MaxBodyBytes)
            {
                throw new BodyTooLargeException();
            }
        }
    }

    /// <summary>Reads the body as JSON; on failure returns null and names the offending field (or <c>body</c>) in <paramref name="errors"/>.</summary>
    /// <exception cref="BodyTooLargeException">The body is larger than <see cref="MaxBodyBytes"/>.</exception>
    /// <exception cref="UnsupportedMediaTypeException">The body is not JSON.</exception>
    public static async Task<T?> ReadJsonAsync<T>(HttpRequest request, FieldErrors errors, CancellationToken cancellationToken)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(errors);
        if (!IsJson(request.ContentType))
        {
            throw new UnsupportedMediaTypeException($"Send JSON (Content-Type application/json), not {Formats.Quote(request.ContentType)}.");
        }

        var body = await ReadBodyAsync(request, cancellationToken).ConfigureAwait(false);
        return ParseJson<T>(body, errors);
    }

    /// <summary>
    /// Reads the body as JSON: the value, or null with the fields named in <paramref name="errors"/>, or the problem
    /// to answer at once (413 too large, 415 not JSON).
    /// </summary>
    public static async Task<(T? Body, ProblemHttpResult? Refused)> TryReadJsonAsync<T>(HttpRequest request, FieldErrors errors, CancellationToken cancellationToken)
        where T : class
    {
        try
        {
            return (await ReadJsonAsync<T>(request, errors, cancellationToken).ConfigureAwait(false), null);
        }
        catch (BodyTooLargeException)
        {
            return (null, TooLarge());
        }
        catch (UnsupportedMediaTypeException ex)
        {
            return (null, UnsupportedMediaType(ex.Message));
        }
    }

    /// <summary>Deserializes with the contract's options, turning any failure into a named field error.</summary>
    public static T? ParseJson<T>(ReadOnlyMemory<byte> body, FieldErrors errors)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (!HasValidText(body, errors))
        {
            return null;
        }

        try
        {
            var value = JsonSerializer.Deserialize<T>(body.Span, FollowUpJson.Options);
            if (value is null)
            {
                errors.Add("body", "must be a JSON object");
            }

            return value;
        }
        catch (JsonException ex)
        {
            errors.Add(FieldOf(ex.Path), Explain(ex, typeof(T)));
            return null;
        }
    }

    /// <summary>
    /// Names the field whose text is not valid Unicode before the serializer sees it: the serializer would name the
    /// field before it, and call the problem a wrong type.
    /// </summary>
    private static bool HasValidText(ReadOnlyMemory<byte> body, FieldErrors errors)
    {
        try
        {
            using var document = JsonDocument.Parse(body, JsonText.DocumentOptions);
            var textErrors = new FieldErrors();
            JsonText.CheckStrings(document.RootElement, string.Empty, textErrors);
            errors.AddAll(string.Empty, textErrors);
            return textErrors.IsEmpty;
        }
        catch (InvalidOperationException)
        {
            JsonText.CheckNames(body, string.Empty, errors);
            return false;
        }
        catch (JsonException)
        {
            // Not JSON, or a repeated name: the serializer says which, with the path.
            return true;
        }
    }

    /// <summary>Turns a JSON path such as <c>$.locales.en.subject</c> into the field name <c>locales.en.subject</c>.</summary>
    public static string FieldOf(string? path) =>
        string.IsNullOrEmpty(path) || path == "$" ? "body" : path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');

    /// <summary>Says what is wrong in the contract's words, not .NET's (no type names, no stack of paths).</summary>
    private static string Explain(JsonException ex, Type target)
    {
        if (ex is JsonValueException value)
        {
            return value.Reason;
        }

        var message = ex.Message;
        if (message.Contains("could not be mapped to any .NET member", StringComparison.Ordinal))
        {
            return "is not a known field";
        }

        if (message.StartsWith("Duplicate property", StringComparison.Ordinal))
        {
            return "appears more than once";
        }

        if (message.Contains("could not be converted to", StringComparison.Ordinal))
        {
            return FieldType(target, ex.Path) is { } type ? "must be " + Describe(type) : "has the wrong type (see the API description)";
        }

        var position = ex.LineNumber is { } line ? $" (line {line + 1}, position {ex.BytePositionInLine + 1})" : string.Empty;
        return "is not valid JSON" + position;
    }

    /// <summary>The .NET type of the field at a JSON path such as <c>$.coupon.length</c> or <c>$.cancelOn[0]</c>, found by walking the request type.</summary>
    private static Type? FieldType(Type root, string? path)
    {
        if (string.IsNullOrEmpty(path) || !path.StartsWith('$'))
        {
            return null;
        }

        var type = root;
        foreach (var segment in path[1..].Replace("[", ".[", StringComparison.Ordinal).Split('.', StringSplitOptions.RemoveEmptyEntries))
        {
            type = Nullable.GetUnderlyingType(type) ?? type;
            if (segment.StartsWith('['))
            {
                type = ElementType(type);
            }
            else if (DictionaryValueType(type) is { } value)
            {
                type = value;
            }
            else
            {
                type = type.GetProperties().FirstOrDefault(p => p.Name.Equals(segment, StringComparison.OrdinalIgnoreCase))?.PropertyType;
            }

            if (type is null)
            {
                return null;
            }
        }

        return type;
    }

    private static Type? ElementType(Type type) =>
        type.IsArray ? type.GetElementType() : type.IsGenericType && type.GetGenericArguments().Length == 1 ? type.GetGenericArguments()[0] : null;

    private static Type? DictionaryValueType(Type type) =>
        type.IsGenericType && type.GetGenericArguments().Length == 2 && type.Name.Contains("Dictionary", StringComparison.Ordinal) ? type.GetGenericArguments()[1] : null;

    /// <summary>The JSON a .NET type is read from, in the contract's words.</summary>
    private static string Describe(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type == typeof(string))
        {
            return "a string";
        }

        if (type == typeof(bool))
        {
            return "true or false";
        }

        if (type == typeof(int) || type == typeof(long))
        {
            return "a whole number";
        }

        if (type == typeof(decimal) || type == typeof(double))
        {
            return "a number";
        }

        if (type == typeof(DateTimeOffset) || type == typeof(DateTime))
        {
            return "an ISO 8601 date-time, e.g. 2026-11-01T00:00:00Z";
        }

        if (type.IsEnum)
        {
            return "one of " + string.Join(", ", Enum.GetNames(type).Select(name => $"\"{JsonNamingPolicy.CamelCase.ConvertName(name)}\""));
        }

        if (DictionaryValueType(type) is not null || type == typeof(JsonElement))
        {
            return "an object";
        }

        if (ElementType(type) is { } element && type != typeof(string))
        {
            return element == typeof(string) ? "an array of strings" : "an array";
        }

        return "an object";
    }

    /// <summary>
    /// Reads <c>If-Match</c>: absent is "create only" (0), <c>*</c> is "whatever exists", <c>"vN"</c> is version N.
    /// Anything else — a weak tag, several tags, a malformed one — is an error, never silently ignored.
    /// </summary>
    public static bool TryReadIfMatch(HttpRequest request, out int? expectedVersion, out bool mustExist, out string? error)
    {
        ArgumentNullException.ThrowIfNull(request);
        expectedVersion = 0;
        mustExist = false;
        error = null;
        var values = request.Headers.IfMatch;
        if (values.Count == 0)
        {
            return true;
        }

        var text = values.Count == 1 ? values[0]!.Trim() : string.Join(",", values.ToArray());
        if (text == "*")
        {
            expectedVersion = null;
            mustExist = true;
            return true;
        }

        if (text.Length is > 3 and < 16 && text.StartsWith("\"v", StringComparison.Ordinal) && text.EndsWith('"')
            && int.TryParse(text.AsSpan(2, text.Length - 3), NumberStyles.None, CultureInfo.InvariantCulture, out var version))
        {
            // Stored versions start at 1, so "v0" can only fail; -1 never matches and never means "create only".
            expectedVersion = version == 0 ? -1 : version;
            return true;
        }

        error = $"{Formats.Quote(text, 40)} is not an entity tag of this API: send the ETag you read, such as \"v3\", or *";
        return false;
    }

    public static string ETagFor(int version) => $"\"v{version}\"";
}
