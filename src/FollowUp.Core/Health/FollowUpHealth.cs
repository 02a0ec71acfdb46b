using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace FollowUp.Health;

/// <summary>Readiness as both hosts answer it: the ASP.NET Core health checks tagged <see cref="ReadyTag"/>, reduced to names and states.</summary>
public sealed class FollowUpHealth(HealthCheckService checks)
{
    public const string ReadyTag = "ready";

    /// <summary>A check that has not answered by then is unhealthy: a probe must not hang on a storage that does not answer.</summary>
    public static readonly TimeSpan CheckTimeout = TimeSpan.FromSeconds(3);

    public static void AddChecks(IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddHealthChecks()
            .AddCheck<StorageHealthCheck>("storage", HealthStatus.Unhealthy, [ReadyTag], CheckTimeout)
            .AddCheck<OptionsHealthCheck>("options", HealthStatus.Unhealthy, [ReadyTag], CheckTimeout);
    }

    public async Task<HealthAnswer> ReadyAsync(CancellationToken cancellationToken = default)
    {
        var report = await checks.CheckHealthAsync(check => check.Tags.Contains(ReadyTag), cancellationToken).ConfigureAwait(false);
        var each = report.Entries.OrderBy(entry => entry.Key, StringComparer.Ordinal)
            .ToDictionary(entry => entry.Key, entry => Name(entry.Value.Status), StringComparer.Ordinal);
        return new HealthAnswer(Name(report.Status), each);
    }

    /// <summary>Degraded counts as healthy: only a check that fails outright takes the host out of rotation.</summary>
    private static string Name(HealthStatus status) => status == HealthStatus.Unhealthy ? HealthAnswer.Unhealthy : HealthAnswer.Healthy;
}
