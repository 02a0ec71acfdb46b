using FollowUp.Http;
using FollowUp.Rules;
using FollowUp.Templates;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace FollowUp.Functions;

public sealed class TemplatesFunctions(TemplateLibrary templates, RuleBook rules, TemplateRenderer renderer, TimeProvider time)
{
    [Function("ListTemplates")]
    public Task<IResult> ListTemplatesAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = FollowUpRoutes.Templates)] HttpRequest request,
        CancellationToken cancellationToken) =>
        TemplatesApi.ListAsync(templates, cancellationToken);

    [Function("GetTemplate")]
    public Task<IResult> GetTemplateAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = FollowUpRoutes.Template)] HttpRequest request,
        string id,
        CancellationToken cancellationToken) =>
        TemplatesApi.GetAsync(id, request, templates, cancellationToken);

    [Function("PutTemplate")]
    public Task<IResult> PutTemplateAsync(
        [HttpTrigger(AuthorizationLevel.Function, "put", Route = FollowUpRoutes.Template)] HttpRequest request,
        string id,
        CancellationToken cancellationToken) =>
        TemplatesApi.PutAsync(id, request, templates, cancellationToken);

    [Function("PreviewTemplate")]
    public Task<IResult> PreviewTemplateAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = FollowUpRoutes.TemplatePreview)] HttpRequest request,
        string id,
        CancellationToken cancellationToken) =>
        TemplatesApi.PreviewAsync(id, request, templates, rules, renderer, time, cancellationToken);
}
