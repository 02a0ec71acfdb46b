using System.Text.RegularExpressions;

namespace FollowUp.Infra.Tests;

public partial class KeyVaultTests
{
    /// <summary>Built-in roles that may read a secret's value: Key Vault Secrets User, Secrets Officer, Administrator.</summary>
    private static readonly string[] SecretReaderRoles =
        ["4633458b-17de-408a-b874-0445c86b69e6", "b86a8fe4-44ce-4948-aee5-eccb2c155cd7", "00482a5a-887f-4fb3-b363-3b7fe8e74483"];

    [Fact]
    public async Task SecretReadBack_DeployingPrincipal_HasASecretReaderRoleOnTheVaultAzdReads()
    {
        // azd resolves $(secretOrRandomPassword vault secret) as the signed-in principal, on the vault's data plane. A vault
        // in RBAC mode answers 403 without a role; azd only falls back to a new random value on 404, so without the role
        // every deployment after the first stops there.
        var main = await Bicep.TemplateAsync();
        var parameterFile = Deployment.ParameterFile();
        var readBacks = parameterFile.Values.Select(value => SecretOrRandomPassword().Match(value)).Where(match => match.Success).ToList();
        var deployer = parameterFile.Single(p => p.Value == "${AZURE_PRINCIPAL_ID}").Key;

        Assert.NotEmpty(readBacks);
        foreach (var readBack in readBacks)
        {
            var vaultOutput = main["outputs"]![readBack.Groups["vault"].Value]?["value"]?.GetValue<string>();
            Assert.True(Deployment.ReadsOutput(vaultOutput, "keyvault", "name"), $"{readBack.Value}: the vault azd reads is not the one main.bicep deploys.");
        }

        var grants = Deployment.Modules(main)
            .SelectMany(module => Deployment.Resources(module.Template)
                .Where(r => r["type"]!.GetValue<string>() == "Microsoft.Authorization/roleAssignments")
                .Where(r => SecretReaderRoles.Contains(Deployment.RoleDefinition(module.Template, r)))
                .Where(r => Deployment.MainParameterBehind(main, module.Module, r["properties"]!["principalId"]!.GetValue<string>()) == deployer)
                .Where(r => VaultScope().Match(r["scope"]?.GetValue<string>() ?? string.Empty) is { Success: true } scope
                    && Deployment.ReadsOutput(Deployment.PassedTo(main, module.Module, scope.Groups["name"].Value), "keyvault", "name")))
            .ToList();

        Assert.Single(grants);
    }

    [Fact]
    public async Task Vault_Name_IsNewForEachLifeOfTheEnvironmentButStableWithinIt()
    {
        // A vault deleted by `azd down` without purge keeps its name for the retention period. A name made of subscription,
        // environment name and location alone would be taken, and the next `azd up` would fail on it. The name must also
        // stay the same across re-deployments of a live environment: azd reads the link-signing key back from it.
        var main = await Bicep.TemplateAsync();
        var name = Deployment.PassedTo(main, "keyvault", "name");

        Assert.True(Deployment.ReadsOutput(name, "identity", "principalId"), $"'{name}' is the same after `azd down` as before it.");
        Assert.DoesNotContain("newGuid", name, StringComparison.Ordinal);
        Assert.DoesNotContain("utcNow", name, StringComparison.Ordinal);

        // Purge protection would also block `azd down --purge` for the retention period.
        var vault = Deployment.Single(main, "Microsoft.KeyVault/vaults");
        Assert.NotEqual(true, vault["properties"]!["enablePurgeProtection"]?.GetValue<bool>());
    }

    [GeneratedRegex(@"^\$\(secretOrRandomPassword \$\{(?<vault>\w+)\} (?<secret>[\w-]+)\)$")]
    private static partial Regex SecretOrRandomPassword();

    [GeneratedRegex(@"^\[resourceId\('Microsoft\.KeyVault/vaults', parameters\('(?<name>\w+)'\)\)\]$")]
    private static partial Regex VaultScope();
}
