using FollowUp.Http;
using FollowUp.Rules;
using FollowUp.Templates;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;

namespace FollowUp.Functions;

public sealed class RulesFunctions(RuleBook rules, TemplateLibrary templates, IOptions<ScriptLimits> limits)
{
    [Function("ListRules")]
    public Task<IResult> ListRulesAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = FollowUpRoutes.Rules)] HttpRequest request,
        CancellationToken cancellationToken) =>
        RulesApi.ListAsync(rules, cancellationToken);

    [Function("GetRule")]
    public Task<IResult> GetRuleAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = FollowUpRoutes.Rule)] HttpRequest request,
        string id,
        CancellationToken cancellationToken) =>
        RulesApi.GetAsync(id, request, rules, cancellationToken);

    [Function("PutRule")]
    public Task<IResult> PutRuleAsync(
        [HttpTrigger(AuthorizationLevel.Function, "put", Route = FollowUpRoutes.Rule)] HttpRequest request,
        string id,
        CancellationToken cancellationToken) =>
        RulesApi.PutAsync(id, request, rules, templates, limits, cancellationToken);

    [Function("DeleteRule")]
    public Task<IResult> DeleteRuleAsync(
        [HttpTrigger(AuthorizationLevel.Function, "delete", Route = FollowUpRoutes.Rule)] HttpRequest request,
        string id,
        CancellationToken cancellationToken) =>
        RulesApi.DeleteAsync(id, rules, cancellationToken);
}
