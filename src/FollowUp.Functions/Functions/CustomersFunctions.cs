using FollowUp.Http;
using FollowUp.Privacy;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace FollowUp.Functions;

public sealed class CustomersFunctions(CustomerErasure privacy)
{
    [Function("ExportCustomer")]
    public async Task<IResult> ExportAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = FollowUpRoutes.CustomerExport)] HttpRequest request,
        string id,
        CancellationToken cancellationToken) =>
        await ApiGate.RunAsync(request, () => CustomersApi.ExportAsync(id, privacy, cancellationToken)).ConfigureAwait(false);

    [Function("EraseCustomer")]
    public async Task<IResult> EraseAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = FollowUpRoutes.Customer)] HttpRequest request,
        string id,
        CancellationToken cancellationToken) =>
        await ApiGate.RunAsync(request, () => CustomersApi.EraseAsync(id, privacy, cancellationToken)).ConfigureAwait(false);
}
