using FollowUp.Health;
using FollowUp.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace FollowUp.Functions;

/// <summary>Probes: public, answering only healthy or unhealthy (the reason goes to the log).</summary>
public sealed class HealthFunctions(FollowUpHealth health)
{
    [Function("Health")]
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1822:Mark members as static", Justification = "Functions are instance methods of the class the worker constructs; see FunctionDeclarationTests.")]
    public IResult Live(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = FollowUpRoutes.Health)] HttpRequest request) =>
        HealthApi.Live(request.HttpContext.Response);

    [Function("HealthReady")]
    public async Task<IResult> ReadyAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = FollowUpRoutes.HealthReady)] HttpRequest request,
        CancellationToken cancellationToken) =>
        await HealthApi.ReadyAsync(request.HttpContext.Response, health, cancellationToken).ConfigureAwait(false);
}
