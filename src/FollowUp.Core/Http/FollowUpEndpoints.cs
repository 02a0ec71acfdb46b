using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace FollowUp.Http;

public static class FollowUpEndpoints
{
    /// <summary>Maps the authenticated <c>/api</c> routes; the host adds its own key check to the returned group.</summary>
    public static RouteGroupBuilder MapFollowUpApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup(string.Empty);
        api.MapPost(FollowUpRoutes.Events, EventsApi.PostAsync).WithName("PostEvents");
        api.MapGet(FollowUpRoutes.Rules, RulesApi.ListAsync).WithName("ListRules");
        api.MapGet(FollowUpRoutes.Rule, RulesApi.GetAsync).WithName("GetRule");
        api.MapPut(FollowUpRoutes.Rule, RulesApi.PutAsync).WithName("PutRule");
        api.MapDelete(FollowUpRoutes.Rule, RulesApi.DeleteAsync).WithName("DeleteRule");
        api.MapGet(FollowUpRoutes.Templates, TemplatesApi.ListAsync).WithName("ListTemplates");
        api.MapGet(FollowUpRoutes.Template, TemplatesApi.GetAsync).WithName("GetTemplate");
        api.MapPut(FollowUpRoutes.Template, TemplatesApi.PutAsync).WithName("PutTemplate");
        api.MapPost(FollowUpRoutes.TemplatePreview, TemplatesApi.PreviewAsync).WithName("PreviewTemplate");
        api.MapGet(FollowUpRoutes.Messages, MessagesApi.ListAsync).WithName("ListMessages");
        api.MapGet(FollowUpRoutes.Message, MessagesApi.GetAsync).WithName("GetMessage");
        return api;
    }

    /// <summary>Maps the customers' public routes, protected by their signed tokens.</summary>
    public static IEndpointRouteBuilder MapFollowUpLinks(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGet(FollowUpRoutes.Answer, LinksApi.AnswerAsync).WithName("Answer");
        app.MapGet(FollowUpRoutes.Unsubscribe, LinksApi.ConfirmUnsubscribeAsync).WithName("ConfirmUnsubscribe");
        app.MapPost(FollowUpRoutes.Unsubscribe, LinksApi.UnsubscribeAsync).WithName("Unsubscribe").DisableAntiforgery();
        return app;
    }
}
