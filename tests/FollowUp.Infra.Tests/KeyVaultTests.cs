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

    [GeneratedRegex(@"^\$\(secretOrRandomPassword \$\{(?<vault>\w+)\} (?<secret>[\w-]+)\)$")]
    private static partial Regex SecretOrRandomPassword();

    [GeneratedRegex(@"^\[resourceId\('Microsoft\.KeyVault/vaults', parameters\('(?<name>\w+)'\)\)\]$")]
    private static partial Regex VaultScope();
}
