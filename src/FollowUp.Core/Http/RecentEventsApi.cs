using System.Text.Json;
using FollowUp.Events;
using FollowUp.Messages;
using FollowUp.Validation;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace FollowUp.Http;

/// <summary>
/// <c>GET /api/events/recent?type=&amp;limit=</c>: the newest events kept for replays, as CloudEvents, for the console to
/// preview and test a template with real data.
/// </summary>
public static class RecentEventsApi
{
    public const int DefaultLimit = 20;
    public const int MaxLimit = 50;

    private static readonly string[] Parameters = ["type", "limit"];

    public static async Task<Results<JsonHttpResult<RecentEventPage>, ValidationProblem>> ListAsync(HttpRequest request, CustomerRecords customers, IOptions<ReplayOptions> replay, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(customers);
        ArgumentNullException.ThrowIfNull(replay);
        ArgumentNullException.ThrowIfNull(time);
        var errors = new FieldErrors();
        var query = request.Query;
        QueryParameters.Check(query, Parameters, errors);
        var type = QueryParameters.Text(query, "type", 64, errors);
        if (type is not null && !EventTypes.IsKnown(type))
        {
            errors.Add("type", $"{Formats.Quote(type, 40)} is not one of {string.Join(", ", EventTypes.All)}");
        }

        var limit = QueryParameters.Limit(query, DefaultLimit, MaxLimit, errors);
        if (!errors.IsEmpty)
        {
            return ApiResults.Invalid(errors, "The query is not valid.");
        }

        var rows = await customers.RecentEventsAsync(type, limit, time.GetUtcNow() - replay.Value.RetentionSpan(), cancellationToken).ConfigureAwait(false);
        var items = new List<RecentEvent>(rows.Count);
        foreach (var row in rows)
        {
            using var document = JsonDocument.Parse(row.Event);
            items.Add(new RecentEvent(row.ReceivedAt, document.RootElement.Clone()));
        }

        return TypedResults.Json(new RecentEventPage(items), FollowUpJson.Options);
    }
}
