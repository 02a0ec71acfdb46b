using System.Globalization;
using FollowUp.Reports;
using FollowUp.Rules;
using FollowUp.Validation;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace FollowUp.Http;

/// <summary><c>GET /api/reports/summary</c>: what the rules did, per rule and per journey phase, from the counters.</summary>
public static class ReportsApi
{
    /// <summary>Two years: a year against the year before.</summary>
    public const int MaxDays = 731;

    public const int DefaultDays = 30;

    private static readonly string[] Parameters = ["from", "to", "ruleId", "phase", "interval"];

    public static async Task<Results<JsonHttpResult<ReportSummary>, ValidationProblem>> SummaryAsync(HttpRequest request, ReportReader reports, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(reports);
        ArgumentNullException.ThrowIfNull(time);
        var errors = new FieldErrors();
        var query = request.Query;
        foreach (var name in query.Keys.Where(name => !Parameters.Contains(name, StringComparer.Ordinal)))
        {
            errors.Add(name, $"is not a parameter of this report; use {string.Join(", ", Parameters)}");
        }

        foreach (var name in Parameters.Where(name => query.TryGetValue(name, out var values) && values.Count > 1))
        {
            errors.Add(name, "must be given at most once");
        }

        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var to = Date(query, "to", errors) ?? today;
        var from = Date(query, "from", errors) ?? to.AddDays(1 - DefaultDays);
        if (errors.IsEmpty && from > to)
        {
            errors.Add("from", "must not be after to");
        }
        else if (errors.IsEmpty && to.DayNumber - from.DayNumber + 1 > MaxDays)
        {
            errors.Add("to", $"must be at most {MaxDays} days after from (both included)");
        }

        var ruleId = Value(query, "ruleId");
        if (ruleId is not null && !Ids.IsValid(ruleId))
        {
            errors.Add("ruleId", $"is not a rule id ({Ids.Rule})");
        }

        var phases = Enum.GetValues<JourneyPhase>().Select(JourneyPhases.Name).ToList();
        var phase = Value(query, "phase");
        if (phase is not null && !phases.Contains(phase, StringComparer.Ordinal))
        {
            errors.Add("phase", $"{Formats.Quote(phase, 40)} is not one of {string.Join(", ", phases)}");
        }

        var interval = Value(query, "interval") ?? "day";
        if (interval is not ("day" or "week"))
        {
            errors.Add("interval", $"{Formats.Quote(interval, 40)} is not one of day, week");
        }

        if (!errors.IsEmpty)
        {
            return ApiResults.Invalid(errors, "The report's query is not valid.");
        }

        var summary = await reports.SummarizeAsync(new ReportQuery(from, to, ruleId, phase, interval == "week"), cancellationToken).ConfigureAwait(false);
        return TypedResults.Json(summary, FollowUpJson.Options);
    }

    private static string? Value(IQueryCollection query, string name) =>
        query.TryGetValue(name, out var value) && !string.IsNullOrWhiteSpace(value) ? value.ToString() : null;

    private static DateOnly? Date(IQueryCollection query, string name, FieldErrors errors)
    {
        if (Value(query, name) is not { } text)
        {
            return null;
        }

        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) && date.Year is >= 2000 and <= 2999)
        {
            return date;
        }

        errors.Add(name, $"{Formats.Quote(text, 40)} is not a date as yyyy-MM-dd (UTC days) from 2000 to 2999");
        return null;
    }
}
