using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace FollowUp.SelfHost.Security;

/// <summary>The self-host's stand-in for Azure Functions' function keys: every /api call carries the configured key.</summary>
internal sealed class ApiKeyEndpointFilter(IOptions<SelfHostOptions> options) : IEndpointFilter
{
    public const string HeaderName = "X-Api-Key";
    public const string FunctionsHeaderName = "x-functions-key";

    private readonly byte[] _expected = Encoding.UTF8.GetBytes(options.Value.ApiKey);

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var headers = context.HttpContext.Request.Headers;
        var presented = headers.TryGetValue(HeaderName, out var key) ? key.ToString()
            : headers.TryGetValue(FunctionsHeaderName, out var functionsKey) ? functionsKey.ToString()
            : string.Empty;
        if (_expected.Length == 0 || !CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), _expected))
        {
            return Results.Problem(
                title: "An API key is required.",
                detail: $"Send the key in the {HeaderName} header.",
                statusCode: StatusCodes.Status401Unauthorized,
                type: "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.2");
        }

        return await next(context).ConfigureAwait(false);
    }
}
