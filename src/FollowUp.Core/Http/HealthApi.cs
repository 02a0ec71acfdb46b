using FollowUp.Health;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace FollowUp.Http;

/// <summary><c>GET /health</c> (the process answers) and <c>GET /health/ready</c> (storage answers, settings valid; 503 when not).</summary>
public static class HealthApi
{
    public static JsonHttpResult<HealthAnswer> Live(HttpResponse response)
    {
        NoStore(response);
        return TypedResults.Json(HealthAnswer.Live, FollowUpJson.Options);
    }

    public static async Task<JsonHttpResult<HealthAnswer>> ReadyAsync(HttpResponse response, FollowUpHealth health, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(health);
        NoStore(response);
        var answer = await health.ReadyAsync(cancellationToken).ConfigureAwait(false);
        return TypedResults.Json(answer, FollowUpJson.Options, statusCode: answer.IsHealthy ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
    }

    /// <summary>A probe's answer is about this moment: no cache may keep it.</summary>
    private static void NoStore(HttpResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        response.Headers.CacheControl = "no-store";
    }
}
