using System.Text;
using FollowUp.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace FollowUp.Core.Tests.Http;

public class EntraSignInTests
{
    private static readonly string WithRole = Convert.ToBase64String(Encoding.UTF8.GetBytes("""{"auth_typ":"aad","claims":[{"typ":"preferred_username","val":"ingrid@tebutikken.example"},{"typ":"roles","val":"FollowUp.Console"}]}"""));

    private static EntraSignIn Create(bool enabled, string? platform) =>
        new(
            Options.Create(new AuthOptions { EntraEnabled = enabled }),
            new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [EntraSignIn.PlatformSetting] = platform }).Build(),
            NullLogger<EntraSignIn>.Instance);

    private static HttpRequest Request(string? principal)
    {
        var context = new DefaultHttpContext();
        if (principal is not null)
        {
            context.Request.Headers[ClientPrincipal.HeaderName] = principal;
        }

        return context.Request;
    }

    [Theory]
    [InlineData(true, "True", true)]
    [InlineData(true, "true", true)]
    [InlineData(true, "1", true)]
    [InlineData(true, "False", false)]
    [InlineData(true, "0", false)]
    [InlineData(true, null, false)]
    [InlineData(true, "on", false)]
    [InlineData(false, "True", false)]
    public void Active_NeedsTheSettingAndThePlatformFlag(bool enabled, string? platform, bool active)
    {
        var entra = Create(enabled, platform);

        Assert.Equal(active, entra.Active);
        Assert.Equal(active, entra.PrincipalOf(Request(WithRole)) is not null);
    }

    [Fact]
    public void PrincipalOf_AnotherIdentityProvider_IsNotTaken()
    {
        var google = Convert.ToBase64String(Encoding.UTF8.GetBytes("""{"auth_typ":"google","claims":[{"typ":"roles","val":"FollowUp.Console"}]}"""));

        Assert.Null(Create(true, "True").PrincipalOf(Request(google)));
    }

    [Fact]
    public void PrincipalOf_TheHeaderTwice_IsNotTaken()
    {
        // App Service writes one; two means something else wrote one.
        var context = new DefaultHttpContext();
        context.Request.Headers[ClientPrincipal.HeaderName] = new Microsoft.Extensions.Primitives.StringValues([WithRole, WithRole]);

        Assert.Null(Create(true, "True").PrincipalOf(context.Request));
    }
}
