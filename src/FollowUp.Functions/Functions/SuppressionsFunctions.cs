using FollowUp.Http;
using FollowUp.Messages;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace FollowUp.Functions;

public sealed class SuppressionsFunctions(Suppressions suppressions)
{
    [Function("ListSuppressions")]
    public async Task<IResult> ListSuppressionsAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = FollowUpRoutes.Suppressions)] HttpRequest request,
        CancellationToken cancellationToken) =>
        await ApiGate.RunAsync(request, () => SuppressionsApi.ListAsync(request, suppressions, cancellationToken)).ConfigureAwait(false);

    [Function("GetSuppression")]
    public async Task<IResult> GetSuppressionAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = FollowUpRoutes.Suppression)] HttpRequest request,
        string address,
        CancellationToken cancellationToken) =>
        await ApiGate.RunAsync(request, () => SuppressionsApi.GetAsync(address, suppressions, cancellationToken)).ConfigureAwait(false);

    [Function("PutSuppression")]
    public async Task<IResult> PutSuppressionAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = FollowUpRoutes.Suppression)] HttpRequest request,
        string address,
        CancellationToken cancellationToken) =>
        await ApiGate.RunAsync(request, () => SuppressionsApi.PutAsync(address, request, suppressions, cancellationToken)).ConfigureAwait(false);

    [Function("DeleteSuppression")]
    public async Task<IResult> DeleteSuppressionAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = FollowUpRoutes.Suppression)] HttpRequest request,
        string address,
        CancellationToken cancellationToken) =>
        await ApiGate.RunAsync(request, () => SuppressionsApi.DeleteAsync(address, request, suppressions, cancellationToken)).ConfigureAwait(false);
}
