using FollowUp.Ingest;
using FollowUp.Http;
using FollowUp.Messages;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;

namespace FollowUp.Functions;

public sealed class EventsFunctions(EventIngestor ingestor, CustomerRecords customers, IOptions<ReplayOptions> replay, TimeProvider time)
{
    [Function("PostEvents")]
    public async Task<IResult> PostEventsAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = FollowUpRoutes.Events)] HttpRequest request,
        CancellationToken cancellationToken) =>
        await ApiGate.RunAsync(request, () => EventsApi.PostAsync(request, ingestor, cancellationToken)).ConfigureAwait(false);

    [Function("ListRecentEvents")]
    public async Task<IResult> ListRecentEventsAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = FollowUpRoutes.RecentEvents)] HttpRequest request,
        CancellationToken cancellationToken) =>
        await ApiGate.RunAsync(request, () => RecentEventsApi.ListAsync(request, customers, replay, time, cancellationToken)).ConfigureAwait(false);
}
