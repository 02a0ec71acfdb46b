using FollowUp.Http;
using FollowUp.Messages;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace FollowUp.Functions;

public sealed class MessagesFunctions(MessageLedger ledger)
{
    [Function("ListMessages")]
    public Task<IResult> ListMessagesAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = FollowUpRoutes.Messages)] HttpRequest request,
        CancellationToken cancellationToken) =>
        MessagesApi.ListAsync(request, ledger, cancellationToken);

    [Function("GetMessage")]
    public Task<IResult> GetMessageAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = FollowUpRoutes.Message)] HttpRequest request,
        string id,
        CancellationToken cancellationToken) =>
        MessagesApi.GetAsync(id, ledger, cancellationToken);
}
