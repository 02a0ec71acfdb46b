using System.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace FollowUp.Functions.Tests;

/// <summary>
/// The Functions app's HTTP functions behind Kestrel on loopback, each at its trigger's route and methods, built and
/// invoked as the isolated worker with ASP.NET Core integration does: the class made from the app's services, the
/// request and route values bound by name, the returned <see cref="IResult"/> executed on the request. What a browser
/// then reaches is the Functions code, not the self-host's, so the console can be tried against both.
/// </summary>
public sealed class FunctionsHttpHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private FunctionsHttpHost(WebApplication app, PipelineHarness harness, Uri address)
    {
        _app = app;
        Harness = harness;
        Address = address;
    }

    public PipelineHarness Harness { get; }

    public Uri Address { get; }

    public static async Task<FunctionsHttpHost> StartAsync(Action<Dictionary<string, string?>>? configure = null)
    {
        var harness = await PipelineHarness.CreateAsync(configure);
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        var app = builder.Build();
        foreach (var function in FunctionCatalog.Http)
        {
            var trigger = function.HttpTrigger!;
            app.MapMethods("/" + trigger.Route, trigger.Methods!.Select(method => method.ToUpperInvariant()), context => InvokeAsync(function.Method, harness.Services, context));
        }

        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new FunctionsHttpHost(app, harness, new Uri(address));
    }

    private static async Task InvokeAsync(MethodInfo method, IServiceProvider services, HttpContext context)
    {
        // The worker runs each invocation in a scope of the app's services, with the request's own HttpContext.
        await using var scope = services.CreateAsyncScope();
        context.RequestServices = scope.ServiceProvider;
        var instance = ActivatorUtilities.CreateInstance(scope.ServiceProvider, method.DeclaringType!);
        var arguments = method.GetParameters().Select(parameter => parameter.ParameterType switch
        {
            var type when type == typeof(HttpRequest) => context.Request,
            var type when type == typeof(CancellationToken) => context.RequestAborted,
            var type when type == typeof(string) => (object?)context.GetRouteValue(parameter.Name!)?.ToString(),
            _ => throw new InvalidOperationException($"{method.DeclaringType!.Name}.{method.Name}: the worker binds no {parameter.ParameterType.Name} from an HTTP request here."),
        }).ToArray();
        var result = method.Invoke(instance, arguments) switch
        {
            Task<IResult> pending => await pending,
            IResult done => done,
            var other => throw new InvalidOperationException($"{method.DeclaringType!.Name}.{method.Name} returned {other?.GetType().Name ?? "null"}, not an IResult."),
        };
        await result.ExecuteAsync(context);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        await Harness.DisposeAsync();
    }
}
