using FollowUp.Http;
using FollowUp.Reports;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace FollowUp.Functions;

public sealed class ReportsFunction(ReportReader reports, TimeProvider time)
{
    [Function("ReportSummary")]
    public async Task<IResult> SummaryAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = FollowUpRoutes.ReportSummary)] HttpRequest request,
        CancellationToken cancellationToken) =>
        await ApiGate.RunAsync(request, () => ReportsApi.SummaryAsync(request, reports, time, cancellationToken)).ConfigureAwait(false);
}
