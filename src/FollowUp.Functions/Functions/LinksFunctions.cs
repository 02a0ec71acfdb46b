using FollowUp.Http;
using FollowUp.Links;
using FollowUp.Responses;
using FollowUp.Messages;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace FollowUp.Functions;

/// <summary>The customers' links: public (no function key), each request protected by its token's signature.</summary>
public sealed class LinksFunctions(LinkSigner signer, CustomerResponses responses, MessageLedger ledger)
{
    [Function("Answer")]
    public Task<IResult> AnswerAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = FollowUpRoutes.Answer)] HttpRequest request,
        string token,
        CancellationToken cancellationToken) =>
        LinksApi.AnswerAsync(token, request, signer, responses, cancellationToken);

    [Function("ConfirmUnsubscribe")]
    public Task<IResult> ConfirmUnsubscribeAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = FollowUpRoutes.Unsubscribe)] HttpRequest request,
        string token,
        CancellationToken cancellationToken) =>
        LinksApi.ConfirmUnsubscribeAsync(token, request, signer, ledger, cancellationToken);

    [Function("Unsubscribe")]
    public Task<IResult> UnsubscribeAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = FollowUpRoutes.Unsubscribe)] HttpRequest request,
        string token,
        CancellationToken cancellationToken) =>
        LinksApi.UnsubscribeAsync(token, request, signer, responses, cancellationToken);
}
