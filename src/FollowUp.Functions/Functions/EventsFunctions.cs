using FollowUp.Ingest;
using FollowUp.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace FollowUp.Functions;

public sealed class EventsFunctions(EventIngestor ingestor)
{
    [Function("PostEvents")]
    public async Task<IResult> PostEventsAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = FollowUpRoutes.Events)] HttpRequest request,
        CancellationToken cancellationToken) =>
        await ApiGate.RunAsync(request, () => EventsApi.PostAsync(request, ingestor, cancellationToken)).ConfigureAwait(false);
}
