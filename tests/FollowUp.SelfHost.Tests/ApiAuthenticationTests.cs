using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using FollowUp.Http;
using Microsoft.Extensions.DependencyInjection;

namespace FollowUp.SelfHost.Tests;

public class ApiAuthenticationTests
{
    [Theory]
    [InlineData("/api/rules")]
    [InlineData("/api/templates")]
    [InlineData("/api/messages")]
    public async Task Api_WithoutKey_Is401ProblemDetails(string path)
    {
        await using var factory = await SelfHostFactory.CreateAsync();
        using var client = factory.CreateClient();

        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Api_WithFunctionsKeyHeader_IsAccepted()
    {
        await using var factory = await SelfHostFactory.CreateAsync();
        using var client = factory.CreateClient();
        client.DefaultRequestHeaders.Add("x-functions-key", SelfHostFactory.ApiKey);

        using var response = await client.GetAsync(new Uri("/api/rules", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Api_WithWrongKey_Is401()
    {
        await using var factory = await SelfHostFactory.CreateAsync();
        using var client = factory.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", "wrong");

        using var response = await client.GetAsync(new Uri("/api/rules", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    /// <summary>An X-MS-CLIENT-PRINCIPAL as App Service's built-in authentication writes it for a user signed in with Entra ID.</summary>
    private static string Principal(string role) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(
            $$"""{"auth_typ":"aad","claims":[{"typ":"preferred_username","val":"ingrid@tebutikken.example"},{"typ":"roles","val":"{{role}}"}],"name_typ":"name","role_typ":"http://schemas.microsoft.com/ws/2008/06/identity/claims/role"}"""));

    private static Task<SelfHostFactory> BehindBuiltInAuthenticationAsync(bool entraEnabled = true) =>
        SelfHostFactory.CreateAsync(configure: settings =>
        {
            settings["FollowUp:Auth:EntraEnabled"] = entraEnabled ? "true" : "false";
            settings[EntraSignIn.PlatformSetting] = "True";
        });

    [Fact]
    public async Task Api_PrincipalHeader_WithoutBuiltInAuthentication_IsIgnored()
    {
        // The self-host as it runs on a machine: nothing in front of it takes the header out, so anyone could write it.
        await using var factory = await SelfHostFactory.CreateAsync(configure: settings => settings["FollowUp:Auth:EntraEnabled"] = "true");
        using var client = factory.CreateClient();
        client.DefaultRequestHeaders.Add(ClientPrincipal.HeaderName, Principal("FollowUp.Console"));

        using var response = await client.GetAsync(new Uri("/api/rules", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Api_PrincipalHeader_WithTheSettingOff_IsIgnored()
    {
        await using var factory = await BehindBuiltInAuthenticationAsync(entraEnabled: false);
        using var client = factory.CreateClient();
        client.DefaultRequestHeaders.Add(ClientPrincipal.HeaderName, Principal("FollowUp.Console"));

        using var response = await client.GetAsync(new Uri("/api/me", UriKind.Relative));
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Null(problem["entraSignIn"]);
    }

    [Fact]
    public async Task Api_SignedInUserWithTheRole_IsLetIn_AndSavesUnderTheirName()
    {
        await using var factory = await BehindBuiltInAuthenticationAsync();
        using var client = factory.CreateClient();
        client.DefaultRequestHeaders.Add(ClientPrincipal.HeaderName, Principal("FollowUp.Console"));
        client.DefaultRequestHeaders.Add(ApiGate.BrowserHeader, "FollowUp-Console");

        var me = await client.GetFromJsonAsync<JsonObject>(new Uri("/api/me", UriKind.Relative));
        using var put = await client.PutAsync(new Uri("/api/rules/made-by-ingrid", UriKind.Relative), new StringContent("""{ "trigger": "order.placed", "delay": "PT1H", "templateId": "thank-you" }""", Encoding.UTF8, "application/json"));
        var versions = await client.GetFromJsonAsync<JsonObject>(new Uri("/api/rules/made-by-ingrid/versions", UriKind.Relative));

        Assert.Equal("entra:ingrid@tebutikken.example", (string?)me!["name"]);
        Assert.Equal("entra", (string?)me["via"]);
        Assert.Equal(EntraSignIn.SignOutPath, (string?)me["entraSignOut"]);
        Assert.Equal(HttpStatusCode.Created, put.StatusCode);
        Assert.Equal("entra:ingrid@tebutikken.example", (string?)versions!["versions"]![0]!["updatedBy"]);
    }

    [Fact]
    public async Task Api_SignedInUserWithoutTheBrowserHeader_Is403_AsAFormOfAnotherSiteWouldBe()
    {
        // What another site's form or image sends with the user's sign-in cookie: no header of its own can go with it.
        await using var factory = await BehindBuiltInAuthenticationAsync();
        using var client = factory.CreateClient();
        client.DefaultRequestHeaders.Add(ClientPrincipal.HeaderName, Principal("FollowUp.Console"));
        var before = await factory.Services.GetRequiredService<Rules.RuleBook>().GetAsync("thank-you");

        using var response = await client.PostAsync(new Uri("/api/rules/thank-you/versions/1/restore", UriKind.Relative), null);
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(ApiGate.BrowserHeader, (string?)problem["missingHeader"]);
        Assert.Equal(before!.Version, (await factory.Services.GetRequiredService<Rules.RuleBook>().GetAsync("thank-you"))!.Version);
    }

    [Fact]
    public async Task Api_SignedInUserWithoutTheRole_Is403NamingTheRole()
    {
        await using var factory = await BehindBuiltInAuthenticationAsync();
        using var client = factory.CreateClient();
        client.DefaultRequestHeaders.Add(ClientPrincipal.HeaderName, Principal("FollowUp.Reader"));

        using var response = await client.GetAsync(new Uri("/api/rules", UriKind.Relative));
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("FollowUp.Console", (string?)problem["missingRole"]);
    }

    [Fact]
    public async Task Api_WhereEntraIsOffered_KeyStillWorks_AndNoCredentialsLearnWhereToSignIn()
    {
        await using var factory = await BehindBuiltInAuthenticationAsync();
        using var anonymous = factory.CreateClient();
        using var withKey = factory.CreateApiClient();

        using var refused = await anonymous.GetAsync(new Uri("/api/me", UriKind.Relative));
        var problem = JsonNode.Parse(await refused.Content.ReadAsStringAsync())!;
        var me = await withKey.GetFromJsonAsync<JsonObject>(new Uri("/api/me", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal(EntraSignIn.SignInPath, (string?)problem["entraSignIn"]);
        Assert.Equal("self-host", (string?)me!["name"]);
        Assert.Equal("key", (string?)me["via"]);
        Assert.Equal(EntraSignIn.SignInPath, (string?)me["entraSignIn"]);
        Assert.Null(me["entraSignOut"]);
        Assert.Equal(factory.Time.GetUtcNow(), (DateTimeOffset)me["now"]!);
    }

    [Fact]
    public async Task Public_Routes_StayAnonymous_WhereEntraIsOffered()
    {
        await using var factory = await BehindBuiltInAuthenticationAsync();
        using var client = factory.CreateClient();

        using var health = await client.GetAsync(new Uri("/health", UriKind.Relative));
        using var link = await client.GetAsync(new Uri("/r/not-a-signed-token", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, link.StatusCode);
    }
}
