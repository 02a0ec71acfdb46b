using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace FollowUp.Infra.Tests;

/// <summary>What the Functions app's dispatch queue needs from infra/: the queue, its connection's settings, and the role.</summary>
public partial class DispatchQueueTests
{
    private const string StorageQueueDataContributor = "974c5e8b-45b9-4653-ba55-5f855dd0fb88";

    [Fact]
    public async Task Storage_DispatchQueue_AndItsPoisonQueue_Exist()
    {
        var queue = DispatchFunctionConstant("Queue");
        var queues = Deployment.Resources(Deployment.Module(await Bicep.TemplateAsync(), "storage"))
            .Where(r => r["type"]!.GetValue<string>() == "Microsoft.Storage/storageAccounts/queueServices/queues")
            .Select(r => LastLiteral().Match(r["name"]!.GetValue<string>()).Groups["name"].Value)
            .ToList();

        Assert.Contains(queue, queues);
        Assert.Contains(queue + "-poison", queues);
    }

    [Fact]
    public async Task AppSettings_DispatchQueueConnection_IsTheAppsIdentityOnTheAccountsQueueEndpoint()
    {
        // The trigger and the output binding read <Connection>__queueServiceUri/__credential/__clientId; a missing one
        // keeps DispatchBatch from starting, and a plain <Connection> setting would be a connection string with a key.
        var connection = DispatchFunctionConstant("Connection");
        var main = await Bicep.TemplateAsync();
        var settings = Deployment.AppSettings(main).ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);

        Assert.Equal("managedidentity", ArmExpression.Literal(settings.GetValueOrDefault($"{connection}__credential") ?? string.Empty));
        Assert.Equal("parameters('identityClientId')", settings.GetValueOrDefault($"{connection}__clientId"));
        Assert.Equal("parameters('queueEndpoint')", settings.GetValueOrDefault($"{connection}__queueServiceUri"));
        Assert.DoesNotContain(connection, settings.Keys);
        Assert.True(Deployment.ReadsOutput(Deployment.PassedTo(main, "function", "identityClientId"), "identity", "clientId"));
        Assert.True(Deployment.ReadsOutput(Deployment.PassedTo(main, "function", "queueEndpoint"), "storage", "queueEndpoint"));
    }

    [Fact]
    public async Task RoleAssignments_AppsIdentity_IsStorageQueueDataContributorOnTheAccount()
    {
        // Contributor covers what the queue needs of the identity: add (the timer's output), read, delete and update
        // (the trigger), and add to the poison queue.
        var main = await Bicep.TemplateAsync();
        var rbac = Deployment.Module(main, "rbac");
        var roles = Deployment.Resources(rbac)
            .Where(r => r["type"]!.GetValue<string>() == "Microsoft.Authorization/roleAssignments")
            .Where(r => r["properties"]!["principalId"]!.GetValue<string>() == "[parameters('appPrincipalId')]")
            .Where(r => r["scope"]?.GetValue<string>() == "[resourceId('Microsoft.Storage/storageAccounts', parameters('storageAccountName'))]")
            .SelectMany(r => Roles(rbac, r));

        Assert.Contains(StorageQueueDataContributor, roles);
        Assert.True(Deployment.ReadsOutput(Deployment.PassedTo(main, "rbac", "appPrincipalId"), "identity", "principalId"));
        Assert.True(Deployment.ReadsOutput(Deployment.PassedTo(main, "rbac", "storageAccountName"), "storage", "name"));
    }

    /// <summary>
    /// The role ids an assignment grants: one, or one per element when it loops over a variable of roles
    /// (<c>variables('x')[copyIndex()]</c>, each element a role id or a variable holding one).
    /// </summary>
    private static IEnumerable<string?> Roles(JsonObject module, JsonObject assignment)
    {
        var loop = CopyOverVariable().Match(assignment["properties"]!["roleDefinitionId"]!.GetValue<string>());
        if (!loop.Success)
        {
            return [Deployment.RoleDefinition(module, assignment)];
        }

        return module["variables"]![loop.Groups["name"].Value]!.AsArray().Select(element => element!.GetValue<string>()).Select(element =>
            VariableReference().Match(element) is { Success: true } variable ? module["variables"]![variable.Groups["name"].Value]!.GetValue<string>() : element);
    }

    /// <summary>A <c>public const string</c> of src/FollowUp.Functions/Functions/DispatchFunction.cs, as the bindings use it.</summary>
    private static string DispatchFunctionConstant(string name)
    {
        var repository = Path.GetDirectoryName(Bicep.InfraFolder.TrimEnd(Path.DirectorySeparatorChar))!;
        var source = File.ReadAllText(Path.Combine(repository, "src", "FollowUp.Functions", "Functions", "DispatchFunction.cs"));
        var constant = Regex.Match(source, $@"public const string {name} = ""(?<value>[^""]+)"";");
        Assert.True(constant.Success, $"DispatchFunction has no constant {name}.");
        return constant.Groups["value"].Value;
    }

    [GeneratedRegex(@"'(?<name>[a-z0-9-]+)'\)\]$")]
    private static partial Regex LastLiteral();

    [GeneratedRegex(@"variables\('(?<name>\w+)'\)\[copyIndex\(\)\]")]
    private static partial Regex CopyOverVariable();

    [GeneratedRegex(@"^\[variables\('(?<name>\w+)'\)\]$")]
    private static partial Regex VariableReference();
}
