using FollowUp.Http;
using FollowUp.Replay;
using FollowUp.Rules;
using FollowUp.Templates;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;

namespace FollowUp.Functions;

public sealed class ReplayFunction(RuleBook rules, TemplateLibrary templates, EventReplay replay, IOptions<ScriptLimits> limits)
{
    [Function("Replay")]
    public async Task<IResult> ReplayAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = FollowUpRoutes.Replay)] HttpRequest request,
        CancellationToken cancellationToken) =>
        await ApiGate.RunAsync(request, () => ReplayApi.PostAsync(request, rules, templates, replay, limits, cancellationToken)).ConfigureAwait(false);
}
