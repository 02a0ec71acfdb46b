using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Azure.Functions.Worker;

namespace FollowUp.Functions.Tests;

public partial class FunctionDeclarationTests
{
    [Fact]
    public void Functions_Names_AreUnique()
    {
        Assert.NotEmpty(FunctionCatalog.All);

        var duplicates = FunctionCatalog.All.GroupBy(function => function.Name, StringComparer.OrdinalIgnoreCase).Where(group => group.Count() > 1).Select(group => group.Key);

        Assert.Empty(duplicates);
    }

    [Fact]
    public void Functions_Methods_ArePublicInstanceMethodsOfPublicConcreteClasses()
    {
        // The worker's source generator leaves a [Function] method that is not public out of the app without a word: it
        // compiles, and the function does not exist in Azure. The worker's activator builds the class from the app's
        // services, which an abstract class cannot be and a static method never sees; a class that is not public is
        // reached only through the generator's reflection fallback.
        Assert.NotEmpty(FunctionCatalog.All);
        Assert.All(FunctionCatalog.All, function =>
        {
            var type = function.Method.DeclaringType!;
            Assert.True(function.Method.IsPublic, $"{function}: the method is not public.");
            Assert.False(function.Method.IsStatic, $"{function}: the method is static.");
            Assert.True(type.IsClass && !type.IsAbstract, $"{function}: {type.Name} is not a concrete class.");
            Assert.True(type.IsVisible, $"{function}: {type.Name} (or a class around it) is not public.");
        });
    }

    [Fact]
    public async Task HttpFunctions_MethodsAndRoutes_EqualSelfHostEndpoints()
    {
        await using var selfHost = await SelfHostFactory.CreateAsync();
        var selfHostRoutes = selfHost.Endpoints
            .Where(endpoint => !IsSelfHostOnly(endpoint))
            .SelectMany(endpoint => Methods(endpoint).Select(method => Key(method, RouteOf(endpoint))))
            .ToHashSet(StringComparer.Ordinal);

        var functionRoutes = FunctionCatalog.Http
            .SelectMany(function => (function.HttpTrigger!.Methods ?? []).Select(method => Key(method, function.HttpTrigger.Route)))
            .ToHashSet(StringComparer.Ordinal);

        Assert.NotEmpty(selfHostRoutes);
        Assert.Equal(selfHostRoutes.Order(StringComparer.Ordinal), functionRoutes.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task HttpFunctions_Names_EqualSelfHostEndpointNames()
    {
        await using var selfHost = await SelfHostFactory.CreateAsync();
        var selfHostNames = selfHost.Endpoints
            .Where(endpoint => !IsSelfHostOnly(endpoint))
            .SelectMany(endpoint => Methods(endpoint).Select(method => (Key: Key(method, RouteOf(endpoint)), endpoint.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName)))
            .ToDictionary(entry => entry.Key, entry => entry.EndpointName, StringComparer.Ordinal);

        Assert.All(FunctionCatalog.Http, function =>
        {
            foreach (var method in function.HttpTrigger!.Methods ?? [])
            {
                Assert.Equal(selfHostNames.GetValueOrDefault(Key(method, function.HttpTrigger.Route)), function.Name);
            }
        });
    }

    [Fact]
    public void HttpFunctions_ApiRoutes_AreAnonymousToTheHost_SoThatFollowUpDecides()
    {
        // A function-level function is refused by the Functions host before FollowUp runs unless it carries a
        // function key, so a user signed in with Entra ID could never reach it; FollowUp's ApiGate checks every /api
        // function instead (ApiFunctions_WithoutKeyOrPrincipal_Are401 proves each one does).
        var api = FunctionCatalog.Http.Where(function => function.HttpTrigger!.Route?.StartsWith("api/", StringComparison.Ordinal) == true).ToList();

        Assert.NotEmpty(api);
        Assert.All(api, function => Assert.Equal(AuthorizationLevel.Anonymous, function.HttpTrigger!.AuthLevel));
    }

    [Fact]
    public void HttpFunctions_NoneNeedsAFunctionKey()
    {
        // A function key is never what lets a caller in: the host would refuse signed-in users, and FollowUp would
        // not know the key's name. Keys are FollowUp's (FollowUp:ApiKeys).
        Assert.All(FunctionCatalog.Http, function => Assert.Equal(AuthorizationLevel.Anonymous, function.HttpTrigger!.AuthLevel));
    }

    [Fact]
    public void HttpFunctions_OutsideTheApi_AreOnlyCustomerLinksProviderWebhooksHealthTheApiDescriptionAndTheConsole()
    {
        var publicRoutes = FunctionCatalog.Http
            .Select(function => function.HttpTrigger!.Route ?? string.Empty)
            .Where(route => !route.StartsWith("api/", StringComparison.Ordinal))
            .ToHashSet(StringComparer.Ordinal);

        Assert.Equal(["console/{*path}", "health", "health/ready", "openapi/v1.json", "r/{token}", "u/{token}", "webhooks/sendgrid"], publicRoutes.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void HttpFunctions_RouteParameters_BindToMethodParameters()
    {
        // The worker binds route values to parameters by name; a renamed parameter would silently be null.
        Assert.All(FunctionCatalog.Http, function =>
        {
            var parameters = function.Method.GetParameters().Where(parameter => parameter.ParameterType == typeof(string)).Select(parameter => parameter.Name);
            var routeValues = RouteParameter().Matches(function.HttpTrigger!.Route ?? string.Empty).Select(match => match.Groups["name"].Value);
            Assert.Equal(routeValues.Order(StringComparer.Ordinal), parameters.Order(StringComparer.Ordinal));
        });
    }

    /// <summary>The API reference page (Scalar, over /openapi/v1.json) is a developer's page on the self-host, not part of the contract.</summary>
    private static bool IsSelfHostOnly(RouteEndpoint endpoint) =>
        endpoint.RoutePattern.RawText?.TrimStart('/').StartsWith("scalar", StringComparison.Ordinal) == true;

    private static IEnumerable<string> Methods(RouteEndpoint endpoint) =>
        endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? [];

    private static string RouteOf(RouteEndpoint endpoint) => endpoint.RoutePattern.RawText?.TrimStart('/') ?? string.Empty;

    private static string Key(string method, string? route) => $"{method.ToUpperInvariant()} {route}";

    [GeneratedRegex(@"\{\**(?<name>\w+)[^}]*\}")]
    private static partial Regex RouteParameter();
}
