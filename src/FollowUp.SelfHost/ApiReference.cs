using FollowUp.Http;
using FollowUp.OpenApi;
using Scalar.AspNetCore;

namespace FollowUp.SelfHost;

/// <summary>
/// The API reference page at <c>/scalar</c>: Scalar's page over <c>/openapi/v1.json</c>, served with its script from
/// the Scalar.AspNetCore package itself (no CDN, no web fonts), so it works on a machine without the internet. It is
/// the self-host's alone: a developer's page, not part of the contract the Functions app serves.
/// </summary>
internal static class ApiReference
{
    public const string Route = "/scalar";

    public static IEndpointRouteBuilder MapFollowUpApiReference(this IEndpointRouteBuilder app)
    {
        app.MapScalarApiReference(Route, options => options
            .WithTitle("FollowUp API")
            .WithOpenApiRoutePattern("/" + FollowUpRoutes.OpenApiDocument.Replace(ApiDescription.DocumentName, "{documentName}", StringComparison.Ordinal))
            .AddDocument(ApiDescription.DocumentName)
            .DisableDefaultFonts()
            .DisableTelemetry()
            .DisableAgent()
            .DisableMcp()
            .HideDeveloperTools()
            .AddPreferredSecuritySchemes(FollowUpOpenApi.ApiKeyScheme));
        return app;
    }
}
