using System.Reflection;
using System.Text.Json.Nodes;
using FollowUp.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace FollowUp.Infra.Tests;

public class InfrastructureTests
{
    private const string WebhookPublicKey = "FollowUp__SendGrid__WebhookPublicKey";

    /// <summary>The code that runs in Azure: the core and the Functions host (the self-host is not deployed).</summary>
    private static readonly string[] DeployedProjects = ["FollowUp.Core", "FollowUp.Functions"];

    [Fact]
    public async Task Build_MainBicep_CompilesWithoutErrorsOrWarnings()
    {
        var (exitCode, _, errors) = await Bicep.BuildAsync();

        Assert.Equal(0, exitCode);
        Assert.Equal(string.Empty, errors.Trim());
    }

    [Fact]
    public async Task Lint_MainBicep_ReportsNothing()
    {
        var (exitCode, output, errors) = await Bicep.RunAsync("lint", Bicep.MainFile);

        Assert.Equal(0, exitCode);
        Assert.Equal(string.Empty, (output + errors).Trim());
    }

    [Fact]
    public async Task Storage_SharedKeyAccess_IsOff()
    {
        var storage = Deployment.Single(await Bicep.TemplateAsync(), "Microsoft.Storage/storageAccounts");

        Assert.False(storage["properties"]!["allowSharedKeyAccess"]!.GetValue<bool>());
        Assert.False(storage["properties"]!["allowBlobPublicAccess"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Storage_Tables_AreTheOnesTheAppUses()
    {
        var appTables = typeof(FollowUpTables).GetProperties().Where(p => p.PropertyType == typeof(Azure.Data.Tables.TableClient)).Select(p => p.Name).Order(StringComparer.Ordinal);
        var main = await File.ReadAllTextAsync(Bicep.MainFile);
        var list = System.Text.RegularExpressions.Regex.Match(main, @"var tableNames = \[for table in \[(?<names>[^\]]*)\]");

        // Exactly the app's tables: one missing breaks the app, one extra is a table nobody owns.
        Assert.True(list.Success, "main.bicep declares tableNames as a for-expression over a list of names");
        var bicepTables = list.Groups["names"].Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(name => name.Trim('\'')).Order(StringComparer.Ordinal);
        Assert.Equal(appTables, bicepTables);
    }

    [Fact]
    public async Task FunctionApp_Runtime_IsDotnetIsolated10OnFlexConsumption()
    {
        var main = await Bicep.TemplateAsync();
        var site = Deployment.Single(main, "Microsoft.Web/sites");
        var plan = Deployment.Single(main, "Microsoft.Web/serverfarms");

        var runtime = site["properties"]!["functionAppConfig"]!["runtime"]!;
        Assert.Equal("dotnet-isolated", runtime["name"]!.GetValue<string>());
        Assert.Equal("10.0", runtime["version"]!.GetValue<string>());
        Assert.Equal("FC1", plan["sku"]!["name"]!.GetValue<string>());
        Assert.Equal("UserAssigned", site["identity"]!["type"]!.GetValue<string>());
    }

    [Fact]
    public async Task Secrets_AreOnlyKeyVaultReferences_NeverInSettingsOrOutputs()
    {
        var main = await Bicep.TemplateAsync();
        var secureParameters = main["parameters"]!.AsObject().Where(p => p.Value!["type"]!.GetValue<string>() == "securestring").Select(p => p.Key).ToList();

        Assert.Equal(["apiKey", "linkSigningKey", "sendGridApiKey"], secureParameters.Order(StringComparer.Ordinal));
        foreach (var (key, value) in Deployment.AppSettings(main))
        {
            // The Event Webhook's key is public: it verifies what SendGrid signed, and signs nothing.
            if (key != WebhookPublicKey && (key.Contains("Key", StringComparison.OrdinalIgnoreCase) || key.Contains("Secret", StringComparison.OrdinalIgnoreCase) || key.Contains("Password", StringComparison.OrdinalIgnoreCase)))
            {
                Assert.Contains("@Microsoft.KeyVault(", value, StringComparison.Ordinal);
            }
        }

        var function = Deployment.Module(main, "function");
        Assert.DoesNotContain("securestring", function["parameters"]!.ToJsonString(), StringComparison.Ordinal);
        foreach (var output in main["outputs"]!.AsObject().Concat(Deployment.Resources(main).Where(r => r["type"]!.GetValue<string>() == "Microsoft.Resources/deployments").SelectMany(m => m["properties"]!["template"]!["outputs"]?.AsObject() ?? [])))
        {
            foreach (var secret in secureParameters)
            {
                Assert.DoesNotContain($"parameters('{secret}')", output.Value!.ToJsonString(), StringComparison.Ordinal);
            }
        }
    }

    [Theory]
    [InlineData("b7e6dc6d-f1e8-4753-8033-0f276bb0955b", "Storage Blob Data Owner")]
    [InlineData("974c5e8b-45b9-4653-ba55-5f855dd0fb88", "Storage Queue Data Contributor")]
    [InlineData("0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3", "Storage Table Data Contributor")]
    [InlineData("3913510d-42f4-4e42-8a64-420c390055eb", "Monitoring Metrics Publisher")]
    [InlineData("4633458b-17de-408a-b874-0445c86b69e6", "Key Vault Secrets User")]
    public async Task RoleAssignments_ForTheAppsIdentity_ArePresent(string roleId, string role)
    {
        var rbac = Deployment.Module(await Bicep.TemplateAsync(), "rbac").ToJsonString();

        Assert.True(rbac.Contains(roleId, StringComparison.Ordinal), role);
    }

    [Fact]
    public async Task Monitoring_LocalAuth_IsOffEverywhere()
    {
        var main = await Bicep.TemplateAsync();

        Assert.True(Deployment.Single(main, "Microsoft.Insights/components")["properties"]!["DisableLocalAuth"]!.GetValue<bool>());
        Assert.True(Deployment.Single(main, "Microsoft.OperationalInsights/workspaces")["properties"]!["features"]!["disableLocalAuth"]!.GetValue<bool>());
        Assert.True(Deployment.Single(main, "Microsoft.KeyVault/vaults")["properties"]!["enableRbacAuthorization"]!.GetValue<bool>());
    }

    [Fact]
    public async Task AppSettings_EveryFollowUpSetting_IsOneTheAppReads()
    {
        var sections = OptionsTypes().ToDictionary(t => (string)t.GetField("SectionName")!.GetValue(null)!, StringComparer.Ordinal);

        foreach (var (key, _) in Deployment.AppSettings(await Bicep.TemplateAsync()).Where(p => p.Key.StartsWith("FollowUp__", StringComparison.Ordinal)))
        {
            var path = key.Replace("__", ":", StringComparison.Ordinal);
            var section = path[..path.LastIndexOf(':')];
            // A named entry of a dictionary setting (FollowUp:ApiKeys:<name>) is bound by the dictionary's class.
            var parent = section.Contains(':', StringComparison.Ordinal) ? section[..section.LastIndexOf(':')] : string.Empty;
            if (sections.TryGetValue(parent, out var owner) && owner.GetProperty(section[(section.LastIndexOf(':') + 1)..]) is { } dictionary
                && dictionary.PropertyType.IsAssignableTo(typeof(System.Collections.IDictionary)))
            {
                continue;
            }

            Assert.True(sections.TryGetValue(section, out var type), $"{key}: no options class binds {section}");
            Assert.True(type!.GetProperty(path[(path.LastIndexOf(':') + 1)..]) is not null, $"{key}: {type.Name} has no such property");
        }
    }

    [Fact]
    public async Task AppSettings_EveryEnvironmentLookupInTheDeployedCode_IsProvided()
    {
        var repository = Path.GetDirectoryName(Bicep.InfraFolder.TrimEnd(Path.DirectorySeparatorChar))!;
        var lookups = DeployedProjects
            .SelectMany(project => Directory.EnumerateFiles(Path.Combine(repository, "src", project), "*.cs", SearchOption.AllDirectories))
            .Where(file => !file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(file => System.Text.RegularExpressions.Regex.Matches(File.ReadAllText(file), @"GetEnvironmentVariable\(""([^""]+)""\)").Select(m => m.Groups[1].Value))
            .Distinct(StringComparer.Ordinal)
            .ToList();
        var settings = Deployment.AppSettings(await Bicep.TemplateAsync()).Select(p => p.Key).ToHashSet(StringComparer.Ordinal);

        Assert.NotEmpty(lookups);
        Assert.All(lookups, name => Assert.Contains(name, settings));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task AppSettings_AsDeployed_StartTheAppWithValidOptions(bool sendingEnabled)
    {
        var main = await Bicep.TemplateAsync();
        // The webhook's key is set only when azd was given one (SENDGRID_WEBHOOK_PUBLIC_KEY); by default it is not.
        var settings = Deployment.AppSettings(main)
            .Where(p => (sendingEnabled || p.Key != "FollowUp__SendGrid__ApiKey") && p.Key != WebhookPublicKey)
            .ToDictionary(p => p.Key.Replace("__", ":", StringComparison.Ordinal), p => Resolve(main, p.Key, p.Value), StringComparer.OrdinalIgnoreCase);
        using var services = new ServiceCollection()
            .AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build())
            .AddLogging()
            .AddFollowUp()
            .BuildServiceProvider();

        // Every options class the app binds, validated as start-up would: a missing or bad setting throws, naming it.
        foreach (var type in OptionsTypes())
        {
            var options = services.GetRequiredService(typeof(IOptions<>).MakeGenericType(type));
            Assert.NotNull(options.GetType().GetProperty("Value")!.GetValue(options));
        }

        Assert.Equal(sendingEnabled, settings.ContainsKey("FollowUp:SendGrid:ApiKey"));
    }

    [Fact]
    public async Task AppSettings_WithoutTheSigningKey_WouldFailStartupNamingIt()
    {
        var main = await Bicep.TemplateAsync();
        var settings = Deployment.AppSettings(main)
            .Where(p => p.Key != "FollowUp__SigningKey" && p.Key != WebhookPublicKey)
            .ToDictionary(p => p.Key.Replace("__", ":", StringComparison.Ordinal), p => Resolve(main, p.Key, p.Value), StringComparer.OrdinalIgnoreCase);
        using var services = new ServiceCollection()
            .AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build())
            .AddFollowUp()
            .BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<FollowUpOptions>>().Value);
        Assert.Contains("FollowUp:SigningKey", error.Message, StringComparison.Ordinal);
    }

    /// <summary>Options classes are the app's configuration surface: each declares the section it binds.</summary>
    private static IEnumerable<Type> OptionsTypes() =>
        typeof(FollowUpOptions).Assembly.GetTypes().Where(t => t.IsClass && t.Name.EndsWith("Options", StringComparison.Ordinal)
            && t.GetField("SectionName", BindingFlags.Public | BindingFlags.Static) is not null);

    /// <summary>
    /// What a setting's value is at run time: literals and constants main.bicep passes as written, Key Vault references
    /// as their secret, endpoints as URLs, deployment-time values (names, ids) as placeholders.
    /// </summary>
    private static string? Resolve(JsonObject main, string key, string value) =>
        ArmExpression.Literal(value)
        ?? (System.Text.RegularExpressions.Regex.Match(value, @"^parameters\('(\w+)'\)$") is { Success: true } parameter ? Deployment.ConstantPassedTo(main, "function", parameter.Groups[1].Value) : null)
        ?? (value.Contains("@Microsoft.KeyVault(", StringComparison.Ordinal)
            ? "secret-from-key-vault-0123456789abcdefghijklmnop"
            : value.Contains("https://", StringComparison.Ordinal) || key.EndsWith("Uri", StringComparison.Ordinal) || key.EndsWith("Endpoint", StringComparison.Ordinal)
                ? "https://account.table.core.windows.net/"
                : key.EndsWith("Email", StringComparison.Ordinal) ? "followup@example.com" : "value-of-" + key);
}
