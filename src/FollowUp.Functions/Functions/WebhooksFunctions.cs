using FollowUp.Http;
using FollowUp.Responses;
using FollowUp.Sending;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;

namespace FollowUp.Functions;

/// <summary>Providers' webhooks: public (no function key), each request protected by the provider's signature.</summary>
public sealed class WebhooksFunctions(ProviderEvents events, IOptions<SendGridOptions> options, TimeProvider time)
{
    [Function("SendGridWebhook")]
    public async Task<IResult> SendGridAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = FollowUpRoutes.SendGridWebhook)] HttpRequest request,
        CancellationToken cancellationToken) =>
        await WebhooksApi.SendGridAsync(request, events, options, time, cancellationToken).ConfigureAwait(false);
}
