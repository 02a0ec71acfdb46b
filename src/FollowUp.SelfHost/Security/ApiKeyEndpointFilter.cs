using System.Text;
using FollowUp.Http;
using Microsoft.Extensions.Options;

namespace FollowUp.SelfHost.Security;

/// <summary>
/// The self-host's stand-in for Azure Functions' function keys: every /api call carries its own key (named
/// <see cref="OwnKeyName"/>) or one of <c>FollowUp:ApiKeys</c>, or (behind App Service's built-in authentication, when
/// set up) a signed-in user with the app role; the shared <see cref="ApiGate"/> decides, as it does on Azure.
/// </summary>
internal sealed class ApiKeyEndpointFilter(IOptions<SelfHostOptions> options, ApiGate gate) : IEndpointFilter
{
    public const string HeaderName = ApiGate.KeyHeader;
    public const string FunctionsHeaderName = ApiGate.FunctionsKeyHeader;

    /// <summary>What versions record as the author of a change made with the self-host's own key.</summary>
    public const string OwnKeyName = "self-host";

    private readonly byte[] _expected = Encoding.UTF8.GetBytes(options.Value.ApiKey);

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next) =>
        gate.Admit(context.HttpContext, OwnKeyName, _expected) ?? await next(context).ConfigureAwait(false);
}
