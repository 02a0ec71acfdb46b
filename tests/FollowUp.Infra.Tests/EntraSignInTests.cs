using System.Text.Json.Nodes;
using FollowUp.Http;

namespace FollowUp.Infra.Tests;

/// <summary>
/// Optional sign-in with Microsoft Entra ID: with an app registration's client id the deployment turns on App Service's
/// built-in authentication and tells the app so; without one it deploys none of it.
/// </summary>
public class EntraSignInTests
{
    private const string ClientId = "6f1c0d2e-3b4a-4c5d-8e9f-a0b1c2d3e4f5";

    /// <summary>The routes anyone must reach without signing in: customers' links, SendGrid, probes, the description.</summary>
    public static TheoryData<string> PublicPaths() => new() { "/r/abc.def", "/u/abc.def", "/webhooks/sendgrid", "/health", "/health/ready", "/openapi/v1.json" };

    private static Task<JsonObject> WithEntraAsync() => Snapshot.OfAsync(("entraClientId", $"'{ClientId}'"));

    private static JsonObject AuthSettings(JsonObject snapshot) =>
        Snapshot.SiteConfig(snapshot, "authsettingsV2")?["properties"]!.AsObject() ?? throw new Xunit.Sdk.XunitException("No authsettingsV2 deployed.");

    private static Dictionary<string, string> AppSettings(JsonObject snapshot) =>
        Snapshot.SiteConfig(snapshot, "appsettings")!["properties"]!.AsObject().ToDictionary(p => p.Key, p => p.Value!.GetValue<string>(), StringComparer.Ordinal);

    [Fact]
    public async Task WithoutClientId_NoBuiltInAuthentication_AndNoEntraSetting()
    {
        var snapshot = await Snapshot.OfAsync();

        Assert.Null(Snapshot.SiteConfig(snapshot, "authsettingsV2"));
        Assert.DoesNotContain(AppSettings(snapshot).Keys, key => key.StartsWith("FollowUp__Auth__", StringComparison.Ordinal));
        Assert.NotNull(Snapshot.SiteConfig(snapshot, "appsettings"));
    }

    [Fact]
    public async Task WithClientId_BuiltInAuthentication_IsOnWithEntraAsItsProvider()
    {
        var auth = AuthSettings(await WithEntraAsync());
        var aad = auth["identityProviders"]!["azureActiveDirectory"]!;

        Assert.True(auth["platform"]!["enabled"]!.GetValue<bool>());
        Assert.True(aad["enabled"]!.GetValue<bool>());
        Assert.Equal(ClientId, aad["registration"]!["clientId"]!.GetValue<string>());
        Assert.Contains(ClientId, aad["validation"]!["allowedAudiences"]!.AsArray().Select(a => a!.GetValue<string>()));
        Assert.Contains("scope=openid profile email", aad["login"]!["loginParameters"]!.AsArray().Select(p => p!.GetValue<string>()));
        Assert.True(auth["login"]!["tokenStore"]!["enabled"]!.GetValue<bool>());
        Assert.True(auth["httpSettings"]!["requireHttps"]!.GetValue<bool>());
    }

    [Fact]
    public async Task WithClientId_TheIssuer_IsTheDeploymentsTenantOnTheV2Endpoint()
    {
        var issuer = AuthSettings(await WithEntraAsync())["identityProviders"]!["azureActiveDirectory"]!["registration"]!["openIdIssuer"]!.GetValue<string>();

        // environment() stays an expression in a snapshot: the cloud's sign-in host (https://login.microsoftonline.com/).
        Assert.Equal($"[format('{{0}}{{1}}/v2.0', environment().authentication.loginEndpoint, '{Snapshot.TenantId}')]", issuer);
    }

    [Fact]
    public async Task WithClientIdAndTenant_TheIssuer_IsThatTenant()
    {
        const string Tenant = "9a8b7c6d-5e4f-4a3b-2c1d-0e9f8a7b6c5d";
        var snapshot = await Snapshot.OfAsync(("entraClientId", $"'{ClientId}'"), ("entraTenantId", $"'{Tenant}'"));

        var issuer = AuthSettings(snapshot)["identityProviders"]!["azureActiveDirectory"]!["registration"]!["openIdIssuer"]!.GetValue<string>();

        Assert.Contains($"'{Tenant}'", issuer, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(PublicPaths))]
    public async Task WithClientId_PublicRoutes_AreReachedWithoutSigningIn(string path)
    {
        var validation = AuthSettings(await WithEntraAsync())["globalValidation"]!;

        Assert.True(ReachesTheAppUnauthenticated(validation, path), $"{path} would need a signed-in user.");
    }

    [Fact]
    public async Task WithClientId_ApiCallersWithAKey_ReachTheApp()
    {
        // A key caller has no Entra session: the platform must let it through for FollowUp's gate to check the key.
        var validation = AuthSettings(await WithEntraAsync())["globalValidation"]!;

        Assert.True(ReachesTheAppUnauthenticated(validation, "/api/events"));
        Assert.Equal("AllowAnonymous", validation["unauthenticatedClientAction"]!.GetValue<string>());
    }

    [Fact]
    public async Task WithClientId_TheAppIsToldToTakeSignedInUsers_InSettingsItReads()
    {
        var settings = AppSettings(await Snapshot.OfAsync(("entraClientId", $"'{ClientId}'"), ("entraRole", "'FollowUp.Operators'")));

        Assert.Equal("true", settings[Setting(nameof(AuthOptions.EntraEnabled))]);
        Assert.Equal("FollowUp.Operators", settings[Setting(nameof(AuthOptions.EntraRole))]);
        Assert.True(bool.Parse(settings[Setting(nameof(AuthOptions.EntraEnabled))]));
        // The platform's own flag is the platform's to set: a setting of that name would let anyone's header count.
        Assert.DoesNotContain(EntraSignIn.PlatformSetting, settings.Keys);
    }

    [Fact]
    public async Task WithClientId_TheRole_DefaultsToTheAppsDefault()
    {
        var settings = AppSettings(await WithEntraAsync());

        Assert.Equal(new AuthOptions().EntraRole, settings[Setting(nameof(AuthOptions.EntraRole))]);
    }

    [Fact]
    public async Task Deployment_GivesTheConsolesAddress()
    {
        var output = (await Snapshot.OfAsync())["outputs"]!["CONSOLE_URL"]!.GetValue<string>();

        Assert.StartsWith("[format('https://{0}/console', reference(", output, StringComparison.Ordinal);
        Assert.Contains("Microsoft.Web/sites/func-", output, StringComparison.Ordinal);
        Assert.EndsWith(".defaultHostName)]", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deployment_GivesTheAppAnApiKeyFromTheVault_ReadBackByAzd()
    {
        // The /api functions are anonymous to the host and FollowUp checks the key, so a deployment without Entra ID
        // needs one key FollowUp knows; azd generates it once and reads it back, as it does the link-signing key.
        var settings = AppSettings(await Snapshot.OfAsync());

        Assert.Contains("@Microsoft.KeyVault(SecretUri=", settings["FollowUp__ApiKeys__default"], StringComparison.Ordinal);
        Assert.EndsWith("'api-key')]", settings["FollowUp__ApiKeys__default"], StringComparison.Ordinal);
        Assert.Equal("$(secretOrRandomPassword ${AZURE_KEY_VAULT_NAME} api-key)", Deployment.ParameterFile()["apiKey"]);
    }

    [Fact]
    public void ParameterFile_EntraParameters_AreSetWithAzdEnvSet()
    {
        var parameters = Deployment.ParameterFile();

        Assert.Equal("${ENTRA_CLIENT_ID}", parameters["entraClientId"]);
        Assert.Equal("${ENTRA_TENANT_ID}", parameters["entraTenantId"]);
        Assert.Equal("${ENTRA_ROLE}", parameters["entraRole"]);
    }

    [Fact]
    public async Task MainBicep_EntraParameters_DefaultToNoSignIn_TheDeploymentsTenant_AndTheAppsRole()
    {
        var main = await Bicep.TemplateAsync();

        Assert.Equal(string.Empty, main["parameters"]!["entraClientId"]!["defaultValue"]!.GetValue<string>());
        Assert.Equal("[tenant().tenantId]", main["parameters"]!["entraTenantId"]!["defaultValue"]!.GetValue<string>());
        Assert.Equal(new AuthOptions().EntraRole, main["parameters"]!["entraRole"]!["defaultValue"]!.GetValue<string>());
    }

    private static string Setting(string property) => $"{AuthOptions.SectionName}:{property}".Replace(":", "__", StringComparison.Ordinal);

    /// <summary>
    /// Whether an unauthenticated request to <paramref name="path"/> reaches the app: authentication is not required,
    /// or the action for unauthenticated clients lets them through, or the path is excluded from it.
    /// </summary>
    private static bool ReachesTheAppUnauthenticated(JsonNode validation, string path) =>
        validation["requireAuthentication"]?.GetValue<bool>() != true
        || validation["unauthenticatedClientAction"]?.GetValue<string>() == "AllowAnonymous"
        || (validation["excludedPaths"]?.AsArray().Select(p => p!.GetValue<string>()).Any(excluded => path.StartsWith(excluded.TrimEnd('*'), StringComparison.Ordinal)) ?? false);
}
