using FollowUp.Http;
using FollowUp.Messages;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace FollowUp.Functions;

public sealed class MessagesFunctions(MessageLedger ledger, MessageLife life)
{
    [Function("ListMessages")]
    public async Task<IResult> ListMessagesAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = FollowUpRoutes.Messages)] HttpRequest request,
        CancellationToken cancellationToken) =>
        await ApiGate.RunAsync(request, () => MessagesApi.ListAsync(request, ledger, cancellationToken)).ConfigureAwait(false);

    [Function("GetMessage")]
    public async Task<IResult> GetMessageAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = FollowUpRoutes.Message)] HttpRequest request,
        string id,
        CancellationToken cancellationToken) =>
        await ApiGate.RunAsync(request, () => MessagesApi.GetAsync(id, ledger, cancellationToken)).ConfigureAwait(false);

    [Function("GetMessageContent")]
    public async Task<IResult> GetMessageContentAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = FollowUpRoutes.MessageContent)] HttpRequest request,
        string id,
        CancellationToken cancellationToken) =>
        await ApiGate.RunAsync(request, () => MessagesApi.GetContentAsync(id, ledger, cancellationToken)).ConfigureAwait(false);

    [Function("CancelMessage")]
    public async Task<IResult> CancelMessageAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = FollowUpRoutes.MessageCancel)] HttpRequest request,
        string id,
        CancellationToken cancellationToken) =>
        await ApiGate.RunAsync(request, () => MessagesApi.CancelAsync(id, request, life, cancellationToken)).ConfigureAwait(false);
}
