using FollowUp.Http;
using FollowUp.Links;
using FollowUp.Messages;
using FollowUp.Rules;
using FollowUp.Sending;
using FollowUp.Templates;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace FollowUp.Functions;

public sealed class TemplatesFunctions(
    TemplateLibrary templates,
    RuleBook rules,
    TemplateRenderer renderer,
    Suppressions suppressions,
    IMailSender mail,
    LinkSigner links,
    TestSendLimiter limiter,
    TimeProvider time,
    ILoggerFactory loggers)
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

    [Function("TestSendTemplate")]
    public async Task<IResult> TestSendTemplateAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = FollowUpRoutes.TemplateTestSend)] HttpRequest request,
        string id,
        CancellationToken cancellationToken) =>
        await ApiGate.RunAsync(request, () => TestSendApi.SendAsync(id, request, templates, rules, renderer, suppressions, mail, links, limiter, time, loggers, cancellationToken)).ConfigureAwait(false);
}
