using System.Text.Json.Serialization;

namespace FollowUp.Health;

/// <summary>
/// The body of <c>GET /health</c> and <c>GET /health/ready</c>: <c>healthy</c> or <c>unhealthy</c>, and for readiness
/// each check by name. Never a reason, a connection string or an exception: those go to the log.
/// </summary>
public sealed record HealthAnswer(string Status, IReadOnlyDictionary<string, string>? Checks = null)
{
    public const string Healthy = "healthy";
    public const string Unhealthy = "unhealthy";

    [JsonIgnore]
    public bool IsHealthy => Status == Healthy;

    public static HealthAnswer Live { get; } = new(Healthy);
}
