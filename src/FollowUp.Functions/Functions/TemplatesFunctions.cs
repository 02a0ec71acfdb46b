using FollowUp.Http;
using FollowUp.Rules;
using FollowUp.Templates;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace FollowUp.Functions;

public sealed class TemplatesFunctions(TemplateLibrary templates, RuleBook rules, TemplateRenderer renderer, TimeProvider time)
{
    [Function("ListTemplates")]
    public async Task<IResult> ListTemplatesAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = FollowUpRoutes.Templates)] HttpRequest request,
        CancellationToken cancellationToken) =>
        await ApiGate.RunAsync(request, () => TemplatesApi.ListAsync(templates, cancellationToken)).ConfigureAwait(false);

    [Function("GetTemplate")]
    public async Task<IResult> GetTemplateAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = FollowUpRoutes.Template)] HttpRequest request,
        string id,
        CancellationToken cancellationToken) =>
        await ApiGate.RunAsync(request, () => TemplatesApi.GetAsync(id, request, templates, cancellationToken)).ConfigureAwait(false);

    [Function("DeleteTemplate")]
    public async Task<IResult> DeleteTemplateAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = FollowUpRoutes.Template)] HttpRequest request,
        string id,
        CancellationToken cancellationToken) =>
        await ApiGate.RunAsync(request, () => TemplatesApi.DeleteAsync(id, templates, rules, cancellationToken)).ConfigureAwait(false);

    [Function("PutTemplate")]
    public async Task<IResult> PutTemplateAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = FollowUpRoutes.Template)] HttpRequest request,
        string id,
        CancellationToken cancellationToken) =>
        await ApiGate.RunAsync(request, () => TemplatesApi.PutAsync(id, request, templates, rules, cancellationToken)).ConfigureAwait(false);

    [Function("PreviewTemplate")]
    public async Task<IResult> PreviewTemplateAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = FollowUpRoutes.TemplatePreview)] HttpRequest request,
        string id,
        CancellationToken cancellationToken) =>
        await ApiGate.RunAsync(request, () => TemplatesApi.PreviewAsync(id, request, templates, rules, renderer, time, cancellationToken)).ConfigureAwait(false);
}
