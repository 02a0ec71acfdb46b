using FollowUp.Http;
using FollowUp.Webhooks;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;

namespace FollowUp.Functions;

public sealed class WebhookSubscriptionsFunctions(WebhookSubscriptions subscriptions, WebhookOutbox outbox, IOptions<WebhookOptions> options)
{
    [Function("ListWebhooks")]
    public async Task<IResult> ListAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = FollowUpRoutes.Webhooks)] HttpRequest request,
        CancellationToken cancellationToken) =>
        await ApiGate.RunAsync(request, () => WebhookSubscriptionsApi.ListAsync(subscriptions, cancellationToken)).ConfigureAwait(false);

    [Function("GetWebhook")]
    public async Task<IResult> GetAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = FollowUpRoutes.Webhook)] HttpRequest request,
        string id,
        CancellationToken cancellationToken) =>
        await ApiGate.RunAsync(request, () => WebhookSubscriptionsApi.GetAsync(id, request, subscriptions, cancellationToken)).ConfigureAwait(false);

    [Function("PutWebhook")]
    public async Task<IResult> PutAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = FollowUpRoutes.Webhook)] HttpRequest request,
        string id,
        CancellationToken cancellationToken) =>
        await ApiGate.RunAsync(request, () => WebhookSubscriptionsApi.PutAsync(id, request, subscriptions, options, cancellationToken)).ConfigureAwait(false);

    [Function("DeleteWebhook")]
    public async Task<IResult> DeleteAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = FollowUpRoutes.Webhook)] HttpRequest request,
        string id,
        CancellationToken cancellationToken) =>
        await ApiGate.RunAsync(request, () => WebhookSubscriptionsApi.DeleteAsync(id, subscriptions, outbox, cancellationToken)).ConfigureAwait(false);
}
