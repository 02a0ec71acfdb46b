using System.Text;
using FollowUp.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace FollowUp.Core.Tests.Http;

public class ApiGateTests
{
    private const string CiKey = "ci-key-0123456789abcdef";

    private static string Principal(params string[] roles) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(
            $$"""{"auth_typ":"aad","claims":[{"typ":"preferred_username","val":"ingrid@tebutikken.example"}{{string.Concat(roles.Select(role => $$""",{"typ":"roles","val":"{{role}}"}"""))}}]}"""));

    private static (ApiGate Gate, DefaultHttpContext Context) Create(bool entra, Action<HttpRequest> request)
    {
        var options = new FollowUpOptions();
        options.ApiKeys["ci"] = CiKey;
        var signIn = new EntraSignIn(
            Options.Create(new AuthOptions { EntraEnabled = entra }),
            new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [EntraSignIn.PlatformSetting] = "True" }).Build(),
            NullLogger<EntraSignIn>.Instance);
        var context = new DefaultHttpContext { RequestServices = new ServiceCollection().AddSingleton(Options.Create(options)).BuildServiceProvider() };
        request(context.Request);
        return (new ApiGate(Options.Create(options), signIn), context);
    }

    [Theory]
    [InlineData("X-Api-Key")]
    [InlineData("x-functions-key")]
    public void Admit_ANamedKeyInEitherHeader_LetsInByName(string header)
    {
        var (gate, context) = Create(entra: false, request => request.Headers[header] = CiKey);

        Assert.Null(gate.Admit(context));
        Assert.Equal("ci", ApiCallers.NameOf(context));
    }

    [Fact]
    public void Admit_TheKeyAsTheCodeParameter_LetsIn()
    {
        // What a shop's webhook settings can send when they take nothing but a URL, as Azure Functions allows.
        var (gate, context) = Create(entra: false, request => request.QueryString = new QueryString("?code=" + CiKey));

        Assert.Null(gate.Admit(context));
        Assert.Equal("ci", ApiCallers.NameOf(context));
    }

    [Fact]
    public void Admit_TheHostsOwnKey_LetsInUnderTheHostsName()
    {
        var (gate, context) = Create(entra: false, request => request.Headers["X-Api-Key"] = "the-hosts-own-key-0123");

        Assert.Null(gate.Admit(context, "self-host", Encoding.UTF8.GetBytes("the-hosts-own-key-0123")));
        Assert.Equal("self-host", ApiCallers.NameOf(context));
    }

    [Theory]
    [InlineData("")]
    [InlineData("wrong")]
    [InlineData("ci-key-0123456789abcdeF")]
    public void Admit_NoKnownKey_Is401(string key)
    {
        var (gate, context) = Create(entra: false, request => request.Headers["X-Api-Key"] = key);

        var refusal = Assert.IsType<ProblemHttpResult>(gate.Admit(context), exactMatch: false);

        Assert.Equal(StatusCodes.Status401Unauthorized, refusal.StatusCode);
        Assert.False(refusal.ProblemDetails.Extensions.ContainsKey("entraSignIn"));
    }

    [Fact]
    public void Admit_AWrongKeyWithASignedInUser_LetsTheUserIn()
    {
        var (gate, context) = Create(entra: true, request =>
        {
            request.Headers["X-Api-Key"] = "stale";
            request.Headers[ClientPrincipal.HeaderName] = Principal("FollowUp.Console");
            request.Headers[ApiGate.BrowserHeader] = "FollowUp-Console";
        });

        Assert.Null(gate.Admit(context));
        Assert.Equal("entra:ingrid@tebutikken.example", ApiCallers.NameOf(context));
        Assert.True(ApiCallers.IsEntra(context.User));
    }

    [Fact]
    public void Admit_ASignedInUserWithoutTheRole_Is403NamingIt()
    {
        var (gate, context) = Create(entra: true, request => request.Headers[ClientPrincipal.HeaderName] = Principal("FollowUp.Reader"));

        var refusal = Assert.IsType<ProblemHttpResult>(gate.Admit(context), exactMatch: false);

        Assert.Equal(StatusCodes.Status403Forbidden, refusal.StatusCode);
        Assert.Equal("FollowUp.Console", refusal.ProblemDetails.Extensions["missingRole"]);
    }

    [Fact]
    public void Admit_ASignedInUserWhereEntraIsOff_Is401()
    {
        var (gate, context) = Create(entra: false, request => request.Headers[ClientPrincipal.HeaderName] = Principal("FollowUp.Console"));

        var refusal = Assert.IsType<ProblemHttpResult>(gate.Admit(context), exactMatch: false);

        Assert.Equal(StatusCodes.Status401Unauthorized, refusal.StatusCode);
        Assert.False(ApiCallers.IsEntra(context.User));
    }
}
