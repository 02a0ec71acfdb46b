namespace FollowUp.Infra.Tests;

public class DeployingPrincipalTests
{
    [Fact]
    public async Task PrincipalType_IsAParameterAzdFills_AllowingUsersServicePrincipalsAndGroups()
    {
        var main = await Bicep.TemplateAsync();
        var parameter = main["parameters"]!["principalType"];

        Assert.NotNull(parameter);
        Assert.Equal(["Group", "ServicePrincipal", "User"], parameter["allowedValues"]!.AsArray().Select(v => v!.GetValue<string>()).Order(StringComparer.Ordinal));
        Assert.Equal("User", parameter["defaultValue"]?.GetValue<string>());
        Assert.StartsWith("${AZURE_PRINCIPAL_TYPE", Deployment.ParameterFile().GetValueOrDefault("principalType"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RoleAssignments_ForTheDeployingPrincipal_TakeItsTypeFromThePrincipalTypeParameter()
    {
        // ARM refuses a role assignment whose principalType does not match the principal (UnmatchedPrincipalType): a
        // literal 'User' stops every deployment run as a service principal, as CI runs.
        var main = await Bicep.TemplateAsync();
        var deployerAssignments = Deployment.Modules(main)
            .SelectMany(module => Deployment.Resources(module.Template)
                .Where(r => r["type"]!.GetValue<string>() == "Microsoft.Authorization/roleAssignments")
                .Where(r => Deployment.MainParameterBehind(main, module.Module, r["properties"]!["principalId"]!.GetValue<string>()) == "principalId")
                .Select(r => (module.Module, Name: r["name"]!.GetValue<string>(), Type: r["properties"]!["principalType"]?.GetValue<string>())))
            .ToList();

        Assert.NotEmpty(deployerAssignments);
        Assert.All(deployerAssignments, assignment =>
            Assert.True(Deployment.MainParameterBehind(main, assignment.Module, assignment.Type) == "principalType", $"{assignment.Name}: principalType is '{assignment.Type}'."));
    }
}
