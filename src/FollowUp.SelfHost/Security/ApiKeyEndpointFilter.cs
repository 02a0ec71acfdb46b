using System.Security.Cryptography;
using System.Text;
using FollowUp.Http;
using Microsoft.Extensions.Options;

namespace FollowUp.SelfHost.Security;

/// <summary>
/// The self-host's stand-in for Azure Functions' function keys: every /api call carries its own key (named
/// <see cref="OwnKeyName"/>) or one of <c>FollowUp:ApiKeys</c>, and the caller is then known by that key's name.
/// </summary>
internal sealed class ApiKeyEndpointFilter(IOptions<SelfHostOptions> options, IOptions<FollowUpOptions> followUp) : IEndpointFilter
{
    public const string HeaderName = "X-Api-Key";
    public const string FunctionsHeaderName = "x-functions-key";

    /// <summary>What versions record as the author of a change made with the self-host's own key.</summary>
    public const string OwnKeyName = "self-host";

    private readonly byte[] _expected = Encoding.UTF8.GetBytes(options.Value.ApiKey);

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var headers = context.HttpContext.Request.Headers;
        var presented = headers.TryGetValue(HeaderName, out var key) ? key.ToString()
            : headers.TryGetValue(FunctionsHeaderName, out var functionsKey) ? functionsKey.ToString()
            : string.Empty;
        var own = _expected.Length > 0 && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), _expected);
        var name = presented.Length == 0 ? null : ApiCallers.NameOfKey(followUp.Value, presented);
        if (!own && name is null)
        {
            return Results.Problem(
                title: "An API key is required.",
                detail: $"Send the key in the {HeaderName} header.",
                statusCode: StatusCodes.Status401Unauthorized,
                type: "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.2");
        }

        context.HttpContext.User = ApiCallers.PrincipalFor(name ?? OwnKeyName);
        return await next(context).ConfigureAwait(false);
    }
}
