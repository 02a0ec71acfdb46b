using FollowUp.Dispatch;
using FollowUp.Http;
using FollowUp.Rules;
using FollowUp.Templates;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;

namespace FollowUp.Functions;

public sealed class RulesFunctions(RuleBook rules, TemplateLibrary templates, MessageDispatcher dispatcher, Ingest.EventIngestor ingestor, IOptions<ScriptLimits> limits)
{
    [Function("ListRules")]
    public async Task<IResult> ListRulesAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = FollowUpRoutes.Rules)] HttpRequest request,
        CancellationToken cancellationToken) =>
        await ApiGate.RunAsync(request, () => RulesApi.ListAsync(rules, cancellationToken)).ConfigureAwait(false);

    [Function("GetRule")]
    public async Task<IResult> GetRuleAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = FollowUpRoutes.Rule)] HttpRequest request,
        string id,
        CancellationToken cancellationToken) =>
        await ApiGate.RunAsync(request, () => RulesApi.GetAsync(id, request, rules, cancellationToken)).ConfigureAwait(false);

    [Function("PutRule")]
    public async Task<IResult> PutRuleAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = FollowUpRoutes.Rule)] HttpRequest request,
        string id,
        CancellationToken cancellationToken) =>
        await ApiGate.RunAsync(request, () => RulesApi.PutAsync(id, request, rules, templates, dispatcher, limits, cancellationToken)).ConfigureAwait(false);

    [Function("DryRunRule")]
    public async Task<IResult> DryRunRuleAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = FollowUpRoutes.RuleDryRun)] HttpRequest request,
        CancellationToken cancellationToken) =>
        await ApiGate.RunAsync(request, () => RulesApi.DryRunAsync(request, rules, templates, ingestor, limits, cancellationToken)).ConfigureAwait(false);

    [Function("DeleteRule")]
    public async Task<IResult> DeleteRuleAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = FollowUpRoutes.Rule)] HttpRequest request,
        string id,
        CancellationToken cancellationToken) =>
        await ApiGate.RunAsync(request, () => RulesApi.DeleteAsync(id, rules, dispatcher, cancellationToken)).ConfigureAwait(false);
}
