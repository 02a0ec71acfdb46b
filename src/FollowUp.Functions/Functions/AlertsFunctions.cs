using FollowUp.Alerts;
using FollowUp.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace FollowUp.Functions;

public sealed class AlertsFunctions(AlertOutbox alerts, TimeProvider time)
{
    [Function("ListAlerts")]
    public async Task<IResult> ListAlertsAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = FollowUpRoutes.Alerts)] HttpRequest request,
        CancellationToken cancellationToken) =>
        await ApiGate.RunAsync(request, () => AlertsApi.ListAsync(request, alerts, time, cancellationToken)).ConfigureAwait(false);

    [Function("ResolveAlert")]
    public async Task<IResult> ResolveAlertAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = FollowUpRoutes.AlertResolve)] HttpRequest request,
        string id,
        CancellationToken cancellationToken) =>
        await ApiGate.RunAsync(request, () => AlertsApi.ResolveAsync(id, request, alerts, cancellationToken)).ConfigureAwait(false);
}
