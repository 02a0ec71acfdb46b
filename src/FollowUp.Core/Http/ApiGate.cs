using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace FollowUp.Http;

/// <summary>
/// Who may call an <c>/api</c> route, the same on both hosts: a caller with a key (named in <c>FollowUp:ApiKeys</c>,
/// or the self-host's own), or a user signed in with Microsoft Entra ID who holds the app role, when
/// <see cref="EntraSignIn"/> may believe the platform's principal. The caller is then known by name
/// (<see cref="ApiCallers.NameOf"/>).
/// </summary>
/// <remarks>
/// On Azure the <c>/api</c> functions are anonymous to the Functions host and this is their check. A function-level
/// function is refused by the host before FollowUp runs unless it carries a function key, so a browser signed in with
/// Entra could never reach it; and for an anonymous function the host does not check a key at all (it only collects
/// the claims, and with the ASP.NET Core integration it hands the worker neither them nor a verdict), so FollowUp
/// checks the keys it knows.
/// </remarks>
public sealed class ApiGate(IOptions<FollowUpOptions> options, EntraSignIn entra)
{
    public const string KeyHeader = "X-Api-Key";

    /// <summary>Azure Functions' key header, which callers of the Functions host already send.</summary>
    public const string FunctionsKeyHeader = "x-functions-key";

    /// <summary>
    /// What a signed-in user's request must carry (any value; the console sends it with every call). The platform's
    /// session cookie goes with any request the browser makes, a form another site posts included; a header of its
    /// own it cannot add without asking CORS first, which this API never allows. A key needs no such proof: another
    /// site cannot know it.
    /// </summary>
    public const string BrowserHeader = "X-Requested-With";

    /// <summary>Azure Functions' key parameter, for callers that can set nothing but a URL (a shop's webhook settings).</summary>
    public const string CodeParameter = "code";

    /// <summary>
    /// Runs <paramref name="handler"/> for an admitted caller; otherwise answers 401 or 403 without running it. Every
    /// <c>/api</c> function goes through here.
    /// </summary>
    public static async Task<IResult> RunAsync<TResult>(HttpRequest request, Func<Task<TResult>> handler)
        where TResult : IResult
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(handler);
        var refusal = request.HttpContext.RequestServices.GetRequiredService<ApiGate>().Admit(request.HttpContext);
        return refusal ?? await handler().ConfigureAwait(false);
    }

    /// <summary>
    /// Null when the caller may go on (and <see cref="HttpContext.User"/> then names them), else the problem to answer.
    /// <paramref name="hostKey"/> is a key of the host's own besides <c>FollowUp:ApiKeys</c>, known as <paramref name="hostKeyName"/>.
    /// </summary>
    public IResult? Admit(HttpContext context, string? hostKeyName = null, byte[]? hostKey = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        var presented = PresentedKey(context.Request);
        if (presented.Length > 0)
        {
            // Both compared in constant time, whichever matches, so the time taken says nothing about the key.
            var own = hostKey is { Length: > 0 } && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), hostKey);
            if ((ApiCallers.NameOfKey(options.Value, presented) ?? (own ? hostKeyName : null)) is { } name)
            {
                context.User = ApiCallers.PrincipalFor(name);
                return null;
            }
        }

        if (entra.PrincipalOf(context.Request) is { } principal)
        {
            if (!principal.HasRole(entra.Role))
            {
                return Results.Problem(
                    title: "The signed-in user does not have FollowUp's app role.",
                    detail: $"Calling the API needs the app role '{entra.Role}' of the app registration; an administrator assigns it to users and groups under the registration's enterprise application.",
                    statusCode: StatusCodes.Status403Forbidden,
                    type: "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.4",
                    extensions: new Dictionary<string, object?>(StringComparer.Ordinal) { ["missingRole"] = entra.Role });
            }

            if (string.IsNullOrWhiteSpace(context.Request.Headers[BrowserHeader]))
            {
                return Results.Problem(
                    title: "A signed-in user's request must come from the console.",
                    detail: $"A request signed in with Microsoft Entra ID needs the {BrowserHeader} header, which the console sends and a page of another site cannot: it keeps other sites from acting with the user's sign-in. Scripts use a key.",
                    statusCode: StatusCodes.Status403Forbidden,
                    type: "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.4",
                    extensions: new Dictionary<string, object?>(StringComparer.Ordinal) { ["missingHeader"] = BrowserHeader });
            }

            context.User = ApiCallers.PrincipalForEntra(principal.Name ?? ApiCallers.Unknown);
            return null;
        }

        return entra.Active
            ? Results.Problem(
                title: "An API key is required.",
                detail: $"Send the key in the {KeyHeader} header, or sign in with Microsoft Entra ID (entraSignIn).",
                statusCode: StatusCodes.Status401Unauthorized,
                type: "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.2",
                extensions: new Dictionary<string, object?>(StringComparer.Ordinal) { ["entraSignIn"] = EntraSignIn.SignInPath })
            : Results.Problem(
                title: "An API key is required.",
                detail: $"Send the key in the {KeyHeader} header.",
                statusCode: StatusCodes.Status401Unauthorized,
                type: "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.2");
    }

    private static string PresentedKey(HttpRequest request) =>
        request.Headers.TryGetValue(KeyHeader, out var key) ? key.ToString()
        : request.Headers.TryGetValue(FunctionsKeyHeader, out var functionsKey) ? functionsKey.ToString()
        : request.Query.TryGetValue(CodeParameter, out var code) ? code.ToString()
        : string.Empty;
}
