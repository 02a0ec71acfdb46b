using System.Buffers.Text;
using System.Text;
using FollowUp.Alerts;
using FollowUp.Messages;
using FollowUp.Validation;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace FollowUp.Http;

/// <summary>
/// <c>GET /api/alerts?from=&amp;to=&amp;status=&amp;limit=&amp;continuationToken=</c> and <c>POST /api/alerts/{id}/resolve</c>:
/// the answers that needed a person, and marking one as dealt with.
/// </summary>
public static class AlertsApi
{
    public const int DefaultDays = 30;
    public const int MaxDays = 366;
    public const int DefaultLimit = 100;
    public const int MaxLimit = 500;
    public const int MaxNote = 1000;

    private static readonly string[] Parameters = ["from", "to", "status", "limit", "continuationToken"];

    public static async Task<Results<JsonHttpResult<AlertPage>, ValidationProblem>> ListAsync(HttpRequest request, AlertOutbox alerts, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(alerts);
        ArgumentNullException.ThrowIfNull(time);
        var errors = new FieldErrors();
        var query = request.Query;
        QueryParameters.Check(query, Parameters, errors);
        // Without a to, everything until now, and a minute on for an instance whose clock is a little ahead.
        var now = time.GetUtcNow();
        var given = Within(QueryParameters.Time(query, "to", errors), "to", errors);
        var to = given ?? now + TimeSpan.FromMinutes(1);
        var from = Within(QueryParameters.Time(query, "from", errors), "from", errors) ?? (given ?? now) - TimeSpan.FromDays(DefaultDays);
        if (errors.IsEmpty && from >= to)
        {
            errors.Add("from", "must be before to");
        }
        else if (errors.IsEmpty && to - from > TimeSpan.FromDays(MaxDays))
        {
            errors.Add("to", $"must be at most {MaxDays} days after from: list a longer time in parts");
        }

        AlertStatus? status = null;
        switch (QueryParameters.Text(query, "status", 20, errors))
        {
            case null or "all":
                break;
            case "open":
                status = AlertStatus.Open;
                break;
            case "resolved":
                status = AlertStatus.Resolved;
                break;
            case { } other:
                errors.Add("status", $"{Formats.Quote(other, 20)} is not one of open, resolved, all");
                break;
        }

        var limit = QueryParameters.Limit(query, DefaultLimit, MaxLimit, errors);
        var after = QueryParameters.Text(query, "continuationToken", 200, errors) is { } token ? Unwrap(token, errors) : null;
        if (!errors.IsEmpty)
        {
            return ApiResults.Invalid(errors, "The query is not valid.");
        }

        var (items, next) = await alerts.ListRaisedAsync(from, to, status, limit, after, cancellationToken).ConfigureAwait(false);
        return TypedResults.Json(new AlertPage(items, next is { } resume ? Wrap(resume) : null), FollowUpJson.Options);
    }

    private static readonly DateTimeOffset Earliest = new(1970, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Latest = new(9000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>A time an answer can have come at (from 1970, as every time of the contract), so that a range around it is one too.</summary>
    private static DateTimeOffset? Within(DateTimeOffset? at, string name, FieldErrors errors)
    {
        if (at is { } value && (value < Earliest || value > Latest))
        {
            errors.Add(name, "must be from 1970 on, and before the year 9000");
            return null;
        }

        return at;
    }

    /// <summary>Marks the message's alert as dealt with, by the caller's key, with an optional note; resolving again changes nothing.</summary>
    public static async Task<Results<JsonHttpResult<RaisedAlert>, ValidationProblem, ProblemHttpResult>> ResolveAsync(string id, HttpRequest request, AlertOutbox alerts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(alerts);
        var errors = new FieldErrors();
        AlertResolveInput? input = null;
        if (!(request.ContentLength is 0 || (request.ContentLength is null && request.ContentType is null)))
        {
            (input, var refused) = await ApiResults.TryReadJsonAsync<AlertResolveInput>(request, errors, cancellationToken).ConfigureAwait(false);
            if (refused is not null)
            {
                return refused;
            }

            if (input is null)
            {
                return ApiResults.Invalid(errors, "The resolution is not valid.");
            }
        }

        var note = input?.Note?.Trim();
        if (note is { Length: > MaxNote } || (note is not null && (note.Any(c => char.IsControl(c) && c is not ('\n' or '\r' or '\t')) || !QueryParameters.IsValidText(note))))
        {
            return ApiResults.Invalid("note", $"must be at most {MaxNote} characters of text", "The resolution is not valid.");
        }

        var missing = ApiResults.NotFound($"No answer to message {Formats.Quote(id, 64)} needed a person.");
        if (!MessageIds.IsWellFormed(id))
        {
            return missing;
        }

        var (outcome, alert) = await alerts.ResolveAsync(id, ApiCallers.NameOf(request.HttpContext), string.IsNullOrEmpty(note) ? null : note, cancellationToken).ConfigureAwait(false);
        return outcome switch
        {
            AlertResolution.Resolved or AlertResolution.AlreadyResolved => TypedResults.Json(alert!, FollowUpJson.Options),
            AlertResolution.Changed => ApiResults.StateConflict("A new answer came in.", $"The customer answered message {id} again while it was being resolved, and the new answer needs a person too: read the alert again, and resolve it again if it is dealt with."),
            _ => missing,
        };
    }

    private static string Wrap((string Month, string Row) next) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(next.Month + ":" + next.Row));

    /// <summary>Where the last page ended: a month and a row key of that month's list, nothing else.</summary>
    private static (string Month, string Row)? Unwrap(string token, FieldErrors errors)
    {
        if (token.Length <= 120 && Base64Url.IsValid(token))
        {
            var text = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(token));
            var parts = text.Split(':');
            var row = parts.Length == 2 ? parts[1].Split('|') : [];
            if (parts.Length == 2 && parts[0].Length == 6 && parts[0].All(char.IsAsciiDigit)
                && row.Length == 2 && row[0].Length == 19 && row[0].All(char.IsAsciiDigit) && MessageIds.IsWellFormed(row[1]))
            {
                return (parts[0], parts[1]);
            }
        }

        errors.Add("continuationToken", "is not a token this list gave");
        return null;
    }
}
