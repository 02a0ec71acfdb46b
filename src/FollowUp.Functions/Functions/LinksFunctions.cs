using FollowUp.Http;
using FollowUp.Links;
using FollowUp.Responses;
using FollowUp.Messages;
using FollowUp.Sending;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;

namespace FollowUp.Functions;

/// <summary>The customers' links: public (no function key), each request protected by its token's signature.</summary>
public sealed class LinksFunctions(LinkSigner signer, CustomerResponses responses, MessageLedger ledger, IOptions<SendGridOptions> sender, IOptions<PageOptions> pages)
{
    [Function("Answer")]
    public async Task<IResult> AnswerAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = FollowUpRoutes.Answer)] HttpRequest request,
        string token,
        CancellationToken cancellationToken) =>
        await LinksApi.AnswerAsync(token, request, signer, responses, sender, pages, cancellationToken).ConfigureAwait(false);

    [Function("ConfirmAnswer")]
    public async Task<IResult> ConfirmAnswerAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = FollowUpRoutes.Answer)] HttpRequest request,
        string token,
        CancellationToken cancellationToken) =>
        await LinksApi.ConfirmAnswerAsync(token, request, signer, responses, sender, pages, cancellationToken).ConfigureAwait(false);

    [Function("ConfirmUnsubscribe")]
    public async Task<IResult> ConfirmUnsubscribeAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = FollowUpRoutes.Unsubscribe)] HttpRequest request,
        string token,
        CancellationToken cancellationToken) =>
        await LinksApi.ConfirmUnsubscribeAsync(token, request, signer, ledger, responses, sender, pages, cancellationToken).ConfigureAwait(false);

    [Function("Unsubscribe")]
    public async Task<IResult> UnsubscribeAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = FollowUpRoutes.Unsubscribe)] HttpRequest request,
        string token,
        CancellationToken cancellationToken) =>
        await LinksApi.UnsubscribeAsync(token, request, signer, responses, sender, pages, cancellationToken).ConfigureAwait(false);
}
