using FollowUp.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.OpenApi;

namespace FollowUp.OpenApi;

/// <summary>
/// The OpenAPI document of the public contract, the same bytes in both hosts. The Azure Functions host has no
/// endpoint data source for minimal APIs, so neither host describes itself: the document is generated once per
/// process by <c>Microsoft.AspNetCore.OpenApi</c> from a private, never-started web application that maps exactly the
/// endpoint definitions both hosts serve (<see cref="FollowUpEndpoints"/>) over the same service registrations
/// (<see cref="FollowUpServiceCollectionExtensions.AddFollowUp"/>), so parameter binding is inferred as in the hosts.
/// </summary>
public sealed class ApiDescription
{
    public const string DocumentName = "v1";

    private readonly Lazy<Task<byte[]>> _json = new(() => GenerateAsync(CancellationToken.None), LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The document as OpenAPI 3.1 JSON (UTF-8), generated on first use and then kept.</summary>
    public Task<byte[]> GetJsonAsync() => _json.Value;

    public static async Task<byte[]> GenerateAsync(CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { ApplicationName = "FollowUp" });
        builder.WebHost.UseServer(new NoServer());
        builder.Services.AddRouting();
        builder.Services.AddFollowUp();
        builder.Services.Configure<JsonOptions>(options => FollowUpOpenApi.UseContractJson(options.SerializerOptions));
        builder.Services.AddOpenApi(DocumentName, FollowUpOpenApi.Configure);
        var app = builder.Build();
        await using (app.ConfigureAwait(false))
        {
            app.MapFollowUpApi();
            app.MapFollowUpPublic();
            app.MapFollowUpApiDescription();

            // UseEndpoints is what hands the mapped endpoints to the application's endpoint data source, which the
            // describer reads; a running host does it when it starts, and this application never starts.
            app.UseRouting();
            app.UseEndpoints(static _ => { });
            return await SerializeAsync(app.Services, cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task<byte[]> SerializeAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var provider = services.GetRequiredKeyedService<IOpenApiDocumentProvider>(DocumentName);
        var document = await provider.GetOpenApiDocumentAsync(cancellationToken).ConfigureAwait(false);
        using var stream = new MemoryStream();
        await document.SerializeAsJsonAsync(stream, OpenApiSpecVersion.OpenApi3_1, cancellationToken).ConfigureAwait(false);
        return stream.ToArray();
    }

    /// <summary>The private application is built, never run: it needs a server to be built, and this one never listens.</summary>
    private sealed class NoServer : IServer
    {
        public IFeatureCollection Features { get; } = new FeatureCollection();

        public Task StartAsync<TContext>(IHttpApplication<TContext> application, CancellationToken cancellationToken)
            where TContext : notnull => throw new NotSupportedException("The API description's application is never started.");

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public void Dispose()
        {
        }
    }
}
