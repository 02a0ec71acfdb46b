using FollowUp.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace FollowUp.Functions;

/// <summary>Who is calling, for the console: behind the same check as every /api function.</summary>
public sealed class MeFunction(EntraSignIn entra, TimeProvider time)
{
    [Function("GetMe")]
    public async Task<IResult> GetMeAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = FollowUpRoutes.Me)] HttpRequest request) =>
        await ApiGate.RunAsync(request, () => Task.FromResult(MeApi.Get(request.HttpContext, entra, time))).ConfigureAwait(false);
}
