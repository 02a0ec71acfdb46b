using System.Net.Mime;
using FollowUp.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace FollowUp.OpenApi;

/// <summary><c>GET /openapi/v1.json</c>: the OpenAPI 3.1 description of the public contract, public like the links.</summary>
public static class ApiDescriptionEndpoints
{
    public const string Name = "OpenApiDocument";

    public static IEndpointRouteBuilder MapFollowUpApiDescription(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);

        // The document does not describe itself: it is the description, not a part of the API.
        app.MapGet(FollowUpRoutes.OpenApiDocument, GetAsync).WithName(Name).ExcludeFromDescription();
        return app;
    }

    public static async Task<FileContentHttpResult> GetAsync(ApiDescription description)
    {
        ArgumentNullException.ThrowIfNull(description);
        return TypedResults.File(await description.GetJsonAsync().ConfigureAwait(false), MediaTypeNames.Application.Json);
    }
}
