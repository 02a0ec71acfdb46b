using FollowUp.Http;
using FollowUp.Reports;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace FollowUp.Functions;

public sealed class ReportsFunction(ReportPump pump, ReportReader reports, TimeProvider time)
{
    [Function("ReportSummary")]
    public async Task<IResult> SummaryAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = FollowUpRoutes.ReportSummary)] HttpRequest request,
        CancellationToken cancellationToken) =>
        await ReportsApi.SummaryAsync(request, reports, time, cancellationToken).ConfigureAwait(false);

    /// <summary>
    /// Keeps the report counters current: every 15 seconds, the messages that changed are counted. A pass that fails
    /// leaves them listed for the next; passes on two instances at once count each change once all the same.
    /// </summary>
    [Function("CountChanges")]
    public Task CountChangesAsync([TimerTrigger("*/15 * * * * *")] TimerInfo timer, CancellationToken cancellationToken) =>
        pump.CountChangesAsync(cancellationToken);
}
