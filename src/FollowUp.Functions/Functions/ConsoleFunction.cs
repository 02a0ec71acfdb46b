using FollowUp.WebConsole;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace FollowUp.Functions;

/// <summary>The web console at the same URL as on the self-host: public files; what it shows comes from /api, with a key.</summary>
public sealed class ConsoleFunction
{
    [Function(ConsoleEndpoints.Name)]
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1822:Mark members as static", Justification = "Functions are instance methods of the class the worker constructs; see FunctionDeclarationTests.")]
    public IResult Serve(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = ConsoleEndpoints.Route)] HttpRequest request,
        string? path) =>
        ConsoleEndpoints.Serve(request.HttpContext, path);
}
