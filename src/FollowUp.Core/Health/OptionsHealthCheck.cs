using FollowUp.Dispatch;
using FollowUp.Sending;
using FollowUp.Storage;
using FollowUp.Templates;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace FollowUp.Health;

/// <summary>
/// Every setting the pipeline reads passes its validation. Both hosts validate at start-up already; this keeps a host
/// whose options were reloaded into a bad state from saying it is ready.
/// </summary>
internal sealed class OptionsHealthCheck(
    IOptionsMonitor<FollowUpOptions> followUp,
    IOptionsMonitor<StorageOptions> storage,
    IOptionsMonitor<SendGridOptions> sendGrid,
    IOptionsMonitor<DispatchOptions> dispatch,
    IOptionsMonitor<ScriptLimits> scripts) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            _ = followUp.CurrentValue;
            _ = storage.CurrentValue;
            _ = sendGrid.CurrentValue;
            _ = dispatch.CurrentValue;
            _ = scripts.CurrentValue;
            return Task.FromResult(HealthCheckResult.Healthy());
        }
        catch (OptionsValidationException ex)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy("A setting is not valid.", ex));
        }
    }
}
