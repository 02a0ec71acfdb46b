using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using FollowUp.Http;
using FollowUp.Testing;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace FollowUp.Functions.Tests;

public class HealthFunctionTests
{
    [Fact]
    public async Task Health_Returns200Healthy()
    {
        await using var harness = await PipelineHarness.CreateAsync();
        var context = HttpInvocation.Context(harness.Services, HttpMethods.Get, "/" + FollowUpRoutes.Health);

        var functions = ActivatorUtilities.CreateInstance<HealthFunctions>(harness.Services);
        var response = await Task.FromResult(functions.Live(context.Request)).ExecuteAsync(context);

        Assert.Equal(StatusCodes.Status200OK, response.StatusCode);
        Assert.Equal("""{"status":"healthy"}""", await response.ReadBodyAsync());
        Assert.Equal("no-store", response.Headers.CacheControl.ToString());
    }

    [Fact]
    public async Task HealthReady_StorageAnswers_Returns200()
    {
        await using var harness = await PipelineHarness.CreateAsync();
        var functions = ActivatorUtilities.CreateInstance<HealthFunctions>(harness.Services);
        var context = HttpInvocation.Context(harness.Services, HttpMethods.Get, "/" + FollowUpRoutes.HealthReady);

        var response = await functions.ReadyAsync(context.Request, CancellationToken.None).ExecuteAsync(context);

        Assert.Equal(StatusCodes.Status200OK, response.StatusCode);
        Assert.Equal("""{"status":"healthy","checks":{"options":"healthy","storage":"healthy"}}""", await response.ReadBodyAsync());
    }

    [Fact]
    public async Task HealthReady_StorageOnAClosedPort_Returns503WithoutDetail()
    {
        // The Functions host as it starts with storage down: its services, before any start-up work touches storage.
        var port = ClosedPort();
        var connectionString = $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;TableEndpoint=http://127.0.0.1:{port}/devstoreaccount1;";
        await using var services = new ServiceCollection()
            .AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["FollowUp:Storage:ConnectionString"] = connectionString,
                ["FollowUp:PublicBaseUrl"] = PipelineHarness.PublicBaseUrl,
                ["FollowUp:SigningKey"] = PipelineHarness.SigningKey,
            }).Build())
            .AddLogging()
            .AddFollowUp()
            .BuildServiceProvider();
        var functions = ActivatorUtilities.CreateInstance<HealthFunctions>(services);
        var context = HttpInvocation.Context(services, HttpMethods.Get, "/" + FollowUpRoutes.HealthReady);

        var response = await functions.ReadyAsync(context.Request, CancellationToken.None).ExecuteAsync(context);
        var body = await response.ReadBodyAsync();

        Assert.Equal(StatusCodes.Status503ServiceUnavailable, response.StatusCode);
        Assert.Equal("""{"status":"unhealthy","checks":{"options":"healthy","storage":"unhealthy"}}""", body);
        Assert.DoesNotContain(port.ToString(System.Globalization.CultureInfo.InvariantCulture), body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenApiDocument_ReturnsTheDescriptionOfEveryFunctionRoute()
    {
        await using var harness = await PipelineHarness.CreateAsync();
        var functions = ActivatorUtilities.CreateInstance<ApiDescriptionFunctions>(harness.Services);
        var context = HttpInvocation.Context(harness.Services, HttpMethods.Get, "/" + FollowUpRoutes.OpenApiDocument);

        var response = await functions.GetAsync(context.Request).ExecuteAsync(context);
        var document = JsonNode.Parse(await response.ReadBodyAsync())!;
        var described = document["paths"]!.AsObject()
            .SelectMany(path => path.Value!.AsObject().Select(operation => $"{operation.Key.ToUpperInvariant()} {path.Key.TrimStart('/')}"))
            .Order(StringComparer.Ordinal);
        var functionRoutes = FunctionCatalog.Http
            // The document does not describe itself, nor the console's files: they are pages, not the API.
            .Where(function => function.HttpTrigger!.Route is not (FollowUpRoutes.OpenApiDocument or FollowUp.WebConsole.ConsoleEndpoints.Route))
            .SelectMany(function => function.HttpTrigger!.Methods!.Select(method => $"{method.ToUpperInvariant()} {function.HttpTrigger.Route}"))
            .Order(StringComparer.Ordinal);

        Assert.Equal(StatusCodes.Status200OK, response.StatusCode);
        Assert.StartsWith("application/json", response.ContentType, StringComparison.Ordinal);
        Assert.Equal(functionRoutes, described);
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
