using FollowUp.Dispatch;
using FollowUp.Http;
using FollowUp.Rules;
using FollowUp.Templates;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;

namespace FollowUp.Functions;

public sealed class VersionsFunctions(RuleBook rules, TemplateLibrary templates, MessageDispatcher dispatcher, IOptions<ScriptLimits> limits)
{
    [Function("ListRuleVersions")]
    public async Task<IResult> ListRuleVersionsAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = FollowUpRoutes.RuleVersions)] HttpRequest request,
        string id,
        CancellationToken cancellationToken) =>
        await ApiGate.RunAsync(request, () => VersionsApi.ListRuleVersionsAsync(id, rules, cancellationToken)).ConfigureAwait(false);

    [Function("GetRuleVersion")]
    public async Task<IResult> GetRuleVersionAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = FollowUpRoutes.RuleVersion)] HttpRequest request,
        string id,
        string version,
        CancellationToken cancellationToken) =>
        await ApiGate.RunAsync(request, () => VersionsApi.GetRuleVersionAsync(id, version, rules, cancellationToken)).ConfigureAwait(false);

    [Function("RestoreRuleVersion")]
    public async Task<IResult> RestoreRuleVersionAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = FollowUpRoutes.RuleVersionRestore)] HttpRequest request,
        string id,
        string version,
        CancellationToken cancellationToken) =>
        await ApiGate.RunAsync(request, () => VersionsApi.RestoreRuleAsync(id, version, request, rules, templates, dispatcher, limits, cancellationToken)).ConfigureAwait(false);

    [Function("ListTemplateVersions")]
    public async Task<IResult> ListTemplateVersionsAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = FollowUpRoutes.TemplateVersions)] HttpRequest request,
        string id,
        CancellationToken cancellationToken) =>
        await ApiGate.RunAsync(request, () => VersionsApi.ListTemplateVersionsAsync(id, templates, cancellationToken)).ConfigureAwait(false);

    [Function("GetTemplateVersion")]
    public async Task<IResult> GetTemplateVersionAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = FollowUpRoutes.TemplateVersion)] HttpRequest request,
        string id,
        string version,
        CancellationToken cancellationToken) =>
        await ApiGate.RunAsync(request, () => VersionsApi.GetTemplateVersionAsync(id, version, templates, cancellationToken)).ConfigureAwait(false);

    [Function("RestoreTemplateVersion")]
    public async Task<IResult> RestoreTemplateVersionAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = FollowUpRoutes.TemplateVersionRestore)] HttpRequest request,
        string id,
        string version,
        CancellationToken cancellationToken) =>
        await ApiGate.RunAsync(request, () => VersionsApi.RestoreTemplateAsync(id, version, request, templates, rules, cancellationToken)).ConfigureAwait(false);
}
