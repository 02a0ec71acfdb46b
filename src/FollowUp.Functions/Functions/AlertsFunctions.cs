using FollowUp.Alerts;
using FollowUp.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace FollowUp.Functions;

public sealed class AlertsFunctions(AlertOutbox alerts, TimeProvider time)
{
    [Function("ListAlerts")]
    public async Task<IResult> ListAlertsAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = FollowUpRoutes.Alerts)] HttpRequest request,
        CancellationToken cancellationToken) =>
        await AlertsApi.ListAsync(request, alerts, time, cancellationToken).ConfigureAwait(false);

    [Function("ResolveAlert")]
    public async Task<IResult> ResolveAlertAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = FollowUpRoutes.AlertResolve)] HttpRequest request,
        string id,
        CancellationToken cancellationToken) =>
        await AlertsApi.ResolveAsync(id, request, alerts, cancellationToken).ConfigureAwait(false);
}
