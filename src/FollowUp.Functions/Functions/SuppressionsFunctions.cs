using FollowUp.Http;
using FollowUp.Messages;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace FollowUp.Functions;

public sealed class SuppressionsFunctions(Suppressions suppressions)
{
    [Function("ListSuppressions")]
    public async Task<IResult> ListSuppressionsAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = FollowUpRoutes.Suppressions)] HttpRequest request,
        CancellationToken cancellationToken) =>
        await SuppressionsApi.ListAsync(request, suppressions, cancellationToken).ConfigureAwait(false);

    [Function("GetSuppression")]
    public async Task<IResult> GetSuppressionAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = FollowUpRoutes.Suppression)] HttpRequest request,
        string address,
        CancellationToken cancellationToken) =>
        await SuppressionsApi.GetAsync(address, suppressions, cancellationToken).ConfigureAwait(false);

    [Function("PutSuppression")]
    public async Task<IResult> PutSuppressionAsync(
        [HttpTrigger(AuthorizationLevel.Function, "put", Route = FollowUpRoutes.Suppression)] HttpRequest request,
        string address,
        CancellationToken cancellationToken) =>
        await SuppressionsApi.PutAsync(address, request, suppressions, cancellationToken).ConfigureAwait(false);

    [Function("DeleteSuppression")]
    public async Task<IResult> DeleteSuppressionAsync(
        [HttpTrigger(AuthorizationLevel.Function, "delete", Route = FollowUpRoutes.Suppression)] HttpRequest request,
        string address,
        CancellationToken cancellationToken) =>
        await SuppressionsApi.DeleteAsync(address, request, suppressions, cancellationToken).ConfigureAwait(false);
}
