using System.Reflection;
using System.Text;
using System.Text.Json.Nodes;
using FollowUp.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace FollowUp.Functions.Tests;

/// <summary>
/// The /api functions are anonymous to the Functions host, so FollowUp's <see cref="ApiGate"/> is all that stands in
/// front of them: a key, or a user App Service's built-in authentication signed in, and the second only while that
/// authentication is on.
/// </summary>
public class ApiGateFunctionTests
{
    private const string Role = "FollowUp.Console";

    public static TheoryData<string> ApiFunctions()
    {
        var data = new TheoryData<string>();
        foreach (var function in FunctionCatalog.Http.Where(IsApi))
        {
            data.Add(function.Name);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(ApiFunctions))]
    public async Task ApiFunction_WithoutKeyOrPrincipal_Is401BeforeItRuns(string name)
    {
        await using var harness = await PipelineHarness.CreateAsync(seedDefaults: false);
        var function = FunctionCatalog.Http.Single(f => f.Name == name);

        var response = await InvokeAsync(harness, function, apiKey: null);

        Assert.Equal(StatusCodes.Status401Unauthorized, response.StatusCode);
        Assert.StartsWith("application/problem+json", response.ContentType, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetMe_WithTheKey_NamesTheKey_AndOffersNoSignInWhereEntraIsOff()
    {
        await using var harness = await PipelineHarness.CreateAsync(seedDefaults: false);

        var me = await GetMeAsync(harness, PipelineHarness.ApiKey, principal: null);

        Assert.Equal(StatusCodes.Status200OK, me.Status);
        Assert.Equal(PipelineHarness.ApiKeyName, (string?)me.Body["name"]);
        Assert.Equal("key", (string?)me.Body["via"]);
        Assert.Null(me.Body["entraSignIn"]);
        Assert.Null(me.Body["entraSignOut"]);
    }

    [Fact]
    public async Task Principal_WhenBuiltInAuthenticationIsOff_IsIgnored()
    {
        // The setting is on, the platform's flag is not: anyone can write X-MS-CLIENT-PRINCIPAL, so it counts for nothing.
        await using var harness = await PipelineHarness.CreateAsync(settings => settings["FollowUp:Auth:EntraEnabled"] = "true", seedDefaults: false);

        var me = await GetMeAsync(harness, apiKey: null, Principal("mallory@tebutikken.example", Role));

        Assert.Equal(StatusCodes.Status401Unauthorized, me.Status);
        Assert.Null(me.Body["entraSignIn"]);
    }

    [Theory]
    [InlineData("False")]
    [InlineData("")]
    [InlineData("yes")]
    public async Task Principal_WhenThePlatformFlagIsNotTrue_IsIgnored(string flag)
    {
        await using var harness = await PipelineHarness.CreateAsync(
            settings =>
            {
                settings["FollowUp:Auth:EntraEnabled"] = "true";
                settings[EntraSignIn.PlatformSetting] = flag;
            },
            seedDefaults: false);

        var me = await GetMeAsync(harness, apiKey: null, Principal("mallory@tebutikken.example", Role));

        Assert.Equal(StatusCodes.Status401Unauthorized, me.Status);
    }

    [Fact]
    public async Task Principal_WhenTheSettingIsOff_IsIgnoredEvenBehindBuiltInAuthentication()
    {
        await using var harness = await PipelineHarness.CreateAsync(settings => settings[EntraSignIn.PlatformSetting] = "True", seedDefaults: false);

        var me = await GetMeAsync(harness, apiKey: null, Principal("ingrid@tebutikken.example", Role));

        Assert.Equal(StatusCodes.Status401Unauthorized, me.Status);
    }

    [Fact]
    public async Task Principal_WithTheRole_IsLetIn_AndNamed()
    {
        await using var harness = await CreateWithEntraAsync();

        var me = await GetMeAsync(harness, apiKey: null, Principal("ingrid@tebutikken.example", Role));

        Assert.Equal(StatusCodes.Status200OK, me.Status);
        Assert.Equal("entra:ingrid@tebutikken.example", (string?)me.Body["name"]);
        Assert.Equal("entra", (string?)me.Body["via"]);
        Assert.Equal(EntraSignIn.SignInPath, (string?)me.Body["entraSignIn"]);
        Assert.Equal(EntraSignIn.SignOutPath, (string?)me.Body["entraSignOut"]);
    }

    [Fact]
    public async Task Principal_WithoutTheRole_Is403NamingIt()
    {
        await using var harness = await CreateWithEntraAsync();

        var me = await GetMeAsync(harness, apiKey: null, Principal("ola@tebutikken.example", "FollowUp.Reader"));

        Assert.Equal(StatusCodes.Status403Forbidden, me.Status);
        Assert.Equal(Role, (string?)me.Body["missingRole"]);
        Assert.Contains(Role, (string?)me.Body["detail"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task NoCredentials_WhereEntraIsOffered_Is401WithTheSignInAddress()
    {
        await using var harness = await CreateWithEntraAsync();

        var me = await GetMeAsync(harness, apiKey: null, principal: null);

        Assert.Equal(StatusCodes.Status401Unauthorized, me.Status);
        Assert.Equal(EntraSignIn.SignInPath, (string?)me.Body["entraSignIn"]);
    }

    [Fact]
    public async Task Key_WhereEntraIsOffered_StillWorks()
    {
        await using var harness = await CreateWithEntraAsync();

        var me = await GetMeAsync(harness, PipelineHarness.ApiKey, principal: null);

        Assert.Equal(StatusCodes.Status200OK, me.Status);
        Assert.Equal("key", (string?)me.Body["via"]);
        Assert.Equal(EntraSignIn.SignInPath, (string?)me.Body["entraSignIn"]);
    }

    [Fact]
    public async Task PutRule_ByASignedInUser_IsRecordedAsSavedByThem()
    {
        await using var harness = await CreateWithEntraAsync();
        var rules = ActivatorUtilities.CreateInstance<RulesFunctions>(harness.Services);
        var versions = ActivatorUtilities.CreateInstance<VersionsFunctions>(harness.Services);
        var put = HttpInvocation.Context(harness.Services, HttpMethods.Put, "/api/rules/entra-made", "application/json", """{ "trigger": "order.placed", "delay": "PT1H", "templateId": "thank-you" }""", apiKey: null);
        put.Request.Headers[ClientPrincipal.HeaderName] = Principal("ingrid@tebutikken.example", Role);
        put.Request.Headers[ApiGate.BrowserHeader] = "FollowUp-Console";

        var created = await rules.PutRuleAsync(put.Request, "entra-made", CancellationToken.None).ExecuteAsync(put);
        var list = HttpInvocation.Context(harness.Services, HttpMethods.Get, "/api/rules/entra-made/versions");
        var history = JsonNode.Parse(await (await versions.ListRuleVersionsAsync(list.Request, "entra-made", CancellationToken.None).ExecuteAsync(list)).ReadBodyAsync())!;

        Assert.Equal(StatusCodes.Status201Created, created.StatusCode);
        Assert.Equal("entra:ingrid@tebutikken.example", (string?)history["versions"]![0]!["updatedBy"]);
    }

    private static Task<PipelineHarness> CreateWithEntraAsync() =>
        PipelineHarness.CreateAsync(
            settings =>
            {
                settings["FollowUp:Auth:EntraEnabled"] = "true";
                settings[EntraSignIn.PlatformSetting] = "True";
            },
            seedDefaults: true);

    /// <summary>An X-MS-CLIENT-PRINCIPAL as App Service writes it for a user signed in with Entra ID.</summary>
    private static string Principal(string userName, params string[] roles)
    {
        var claims = new JsonArray(
            new JsonObject { ["typ"] = "preferred_username", ["val"] = userName },
            new JsonObject { ["typ"] = "name", ["val"] = "Ingrid Hansen" });
        foreach (var role in roles)
        {
            claims.Add(new JsonObject { ["typ"] = "roles", ["val"] = role });
        }

        var principal = new JsonObject
        {
            ["auth_typ"] = "aad",
            ["claims"] = claims,
            ["name_typ"] = "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/name",
            ["role_typ"] = "http://schemas.microsoft.com/ws/2008/06/identity/claims/role",
        };
        return Convert.ToBase64String(Encoding.UTF8.GetBytes(principal.ToJsonString()));
    }

    private static async Task<(int Status, JsonNode Body)> GetMeAsync(PipelineHarness harness, string? apiKey, string? principal)
    {
        var me = ActivatorUtilities.CreateInstance<MeFunction>(harness.Services);
        var context = HttpInvocation.Context(harness.Services, HttpMethods.Get, "/" + FollowUpRoutes.Me, apiKey: apiKey);
        if (principal is not null)
        {
            context.Request.Headers[ClientPrincipal.HeaderName] = principal;
            context.Request.Headers[ApiGate.BrowserHeader] = "FollowUp-Console";
        }

        var response = await me.GetMeAsync(context.Request).ExecuteAsync(context);
        return (response.StatusCode, JsonNode.Parse(await response.ReadBodyAsync())!);
    }

    private static bool IsApi(DeclaredFunction function) => function.HttpTrigger!.Route?.StartsWith("api/", StringComparison.Ordinal) == true;

    /// <summary>Calls the function as the worker would, with "x" for each route value and the trigger's first method.</summary>
    private static async Task<HttpResponse> InvokeAsync(PipelineHarness harness, DeclaredFunction function, string? apiKey)
    {
        var instance = ActivatorUtilities.CreateInstance(harness.Services, function.Method.DeclaringType!);
        var path = "/" + System.Text.RegularExpressions.Regex.Replace(function.HttpTrigger!.Route!, @"\{[^}]+\}", "x");
        var context = HttpInvocation.Context(harness.Services, function.HttpTrigger.Methods![0].ToUpperInvariant(), path, "application/json", "{}", apiKey);
        var arguments = function.Method.GetParameters().Select(parameter =>
            parameter.ParameterType == typeof(HttpRequest) ? context.Request
            : parameter.ParameterType == typeof(string) ? "x"
            : parameter.ParameterType == typeof(CancellationToken) ? (object)CancellationToken.None
            : throw new InvalidOperationException($"{function}: no value for {parameter.Name}")).ToArray();
        var result = (Task<IResult>)function.Method.Invoke(instance, BindingFlags.DoNotWrapExceptions, null, arguments, null)!;
        return await result.ExecuteAsync(context);
    }
}
