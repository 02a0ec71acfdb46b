using System.Text;
using System.Text.Json.Nodes;
using FollowUp.Http;

namespace FollowUp.Core.Tests.Http;

public class ClientPrincipalTests
{
    private static string Encode(string json) => Convert.ToBase64String(Encoding.UTF8.GetBytes(json));

    private static string Principal(JsonArray claims, string provider = "aad", string? roleType = "http://schemas.microsoft.com/ws/2008/06/identity/claims/role") =>
        Encode(new JsonObject
        {
            ["auth_typ"] = provider,
            ["claims"] = claims.DeepClone(),
            ["name_typ"] = "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/name",
            ["role_typ"] = roleType,
        }.ToJsonString());

    private static JsonObject Claim(string type, string value) => new() { ["typ"] = type, ["val"] = value };

    [Fact]
    public void Parse_AsAppServiceWritesIt_ReadsProviderRolesAndName()
    {
        var principal = ClientPrincipal.Parse(Principal([Claim("name", "Ingrid Hansen"), Claim("preferred_username", "ingrid@tebutikken.example"), Claim("roles", "FollowUp.Console")]));

        Assert.NotNull(principal);
        Assert.Equal("aad", principal.IdentityProvider);
        Assert.True(principal.HasRole("FollowUp.Console"));
        Assert.Equal("ingrid@tebutikken.example", principal.Name);
    }

    [Theory]
    [InlineData("roles")]
    [InlineData("http://schemas.microsoft.com/ws/2008/06/identity/claims/role")]
    public void HasRole_AsEitherClaimTypeThePlatformUses_IsFound(string type)
    {
        var principal = ClientPrincipal.Parse(Principal([Claim(type, "FollowUp.Console")], roleType: null))!;

        Assert.True(principal.HasRole("FollowUp.Console"));
    }

    [Fact]
    public void HasRole_TheRoleTypeThePrincipalNames_Counts()
    {
        var principal = ClientPrincipal.Parse(Principal([Claim("app_role", "FollowUp.Console")], roleType: "app_role"))!;

        Assert.True(principal.HasRole("FollowUp.Console"));
    }

    [Theory]
    [InlineData("followup.console")]
    [InlineData("FollowUp.Console.Admin")]
    [InlineData("FollowUp")]
    public void HasRole_AnotherRole_IsNotTheOne(string held)
    {
        var principal = ClientPrincipal.Parse(Principal([Claim("roles", held)]))!;

        Assert.False(principal.HasRole("FollowUp.Console"));
    }

    [Fact]
    public void HasRole_NoRolesAtAll_IsFalse()
    {
        var principal = ClientPrincipal.Parse(Principal([Claim("preferred_username", "ola@tebutikken.example")]))!;

        Assert.Empty(principal.Roles);
        Assert.False(principal.HasRole("FollowUp.Console"));
    }

    [Fact]
    public void HasRole_ARoleAsSomeOtherClaim_DoesNotCount()
    {
        // A group or a scope that happens to be spelt like the role is not the app role.
        var principal = ClientPrincipal.Parse(Principal([Claim("groups", "FollowUp.Console"), Claim("scp", "FollowUp.Console")]))!;

        Assert.False(principal.HasRole("FollowUp.Console"));
    }

    [Fact]
    public void Name_WithoutASignInName_FallsBackToTheNameClaim_ThenNothing()
    {
        var named = ClientPrincipal.Parse(Principal([Claim("http://schemas.xmlsoap.org/ws/2005/05/identity/claims/name", "Ingrid Hansen")]))!;
        var nameless = ClientPrincipal.Parse(Principal([Claim("roles", "FollowUp.Console")]))!;

        Assert.Equal("Ingrid Hansen", named.Name);
        Assert.Null(nameless.Name);
    }

    [Theory]
    [InlineData("not base64 at all!")]
    [InlineData("eyJhdXRoX3R5cCI6")]
    [InlineData("")]
    [InlineData(null)]
    public void Parse_NotBase64OrCutOff_IsNull(string? header)
    {
        Assert.Null(ClientPrincipal.Parse(header));
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[]")]
    [InlineData("""{"claims":[]}""")]
    [InlineData("""{"auth_typ":"aad"}""")]
    [InlineData("""{"auth_typ":"aad","claims":{"typ":"roles","val":"FollowUp.Console"}}""")]
    [InlineData("""{"auth_typ":42,"claims":[]}""")]
    [InlineData("""{"auth_typ":"aad","claims":[[[[[["deep"]]]]]]}""")]
    public void Parse_NotAPrincipal_IsNull(string json)
    {
        Assert.Null(ClientPrincipal.Parse(Encode(json)));
    }

    [Fact]
    public void Parse_ClaimsOfTheWrongShape_AreSkipped()
    {
        var principal = ClientPrincipal.Parse(Encode("""{"auth_typ":"aad","claims":[{"typ":"roles"},{"typ":"roles","val":7},"roles",{"typ":"roles","val":"FollowUp.Console"}]}"""))!;

        Assert.Equal(["FollowUp.Console"], principal.Roles);
    }

    [Fact]
    public void Parse_InvalidUtf8_IsNull()
    {
        Assert.Null(ClientPrincipal.Parse(Convert.ToBase64String([0x7b, 0xff, 0xfe, 0x7d])));
    }

    [Fact]
    public void Parse_AHugeHeader_IsRefusedUnread()
    {
        // Valid, and holding the role, but longer than any principal App Service writes: refused before decoding.
        var claims = new JsonArray(Claim("roles", "FollowUp.Console"));
        while (Principal(claims).Length <= ClientPrincipal.MaxHeaderLength)
        {
            claims.Add(Claim("groups", Guid.NewGuid().ToString()));
        }

        Assert.Null(ClientPrincipal.Parse(Principal(claims)));
    }

    [Fact]
    public void Parse_ALongButOrdinaryPrincipal_IsRead()
    {
        // A user in 200 groups, the most Entra puts in a token.
        var claims = new JsonArray(Claim("roles", "FollowUp.Console"));
        for (var i = 0; i < 200; i++)
        {
            claims.Add(Claim("groups", Guid.NewGuid().ToString()));
        }

        Assert.True(ClientPrincipal.Parse(Principal(claims))?.HasRole("FollowUp.Console"));
    }
}
