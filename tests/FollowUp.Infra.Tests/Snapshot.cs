using System.Collections.Concurrent;
using System.Text.Json.Nodes;

namespace FollowUp.Infra.Tests;

/// <summary>
/// What a deployment of infra/main.bicep with given parameters would create, as <c>bicep snapshot</c> works it out
/// offline: conditions and parameters evaluated, so that a resource deployed only with a parameter can be seen with
/// and without it. Values from other resources (endpoints, ids) stay expressions.
/// </summary>
internal static class Snapshot
{
    public const string SubscriptionId = "00000000-0000-0000-0000-00000000a001";
    public const string TenantId = "00000000-0000-0000-0000-00000000b002";

    private static readonly ConcurrentDictionary<string, Task<JsonObject>> Cache = new(StringComparer.Ordinal);

    /// <summary>The predicted deployment for the required parameters plus <paramref name="parameters"/> (Bicep literals).</summary>
    public static Task<JsonObject> OfAsync(params (string Name, string Value)[] parameters) =>
        Cache.GetOrAdd(string.Join(";", parameters.Select(p => $"{p.Name}={p.Value}")), _ => RunAsync(parameters));

    public static IEnumerable<JsonObject> Resources(JsonObject snapshot, string type) =>
        snapshot["predictedResources"]!.AsArray().Select(r => r!.AsObject()).Where(r => r["type"]!.GetValue<string>() == type);

    /// <summary>The function app's <c>Microsoft.Web/sites/config</c> of that name (<c>appsettings</c>, <c>authsettingsV2</c>), or null.</summary>
    public static JsonObject? SiteConfig(JsonObject snapshot, string name) =>
        Resources(snapshot, "Microsoft.Web/sites/config").SingleOrDefault(r => r["name"]!.GetValue<string>().EndsWith("/" + name, StringComparison.Ordinal));

    private static async Task<JsonObject> RunAsync((string Name, string Value)[] parameters)
    {
        var folder = Directory.CreateTempSubdirectory("followup-snapshot-");
        try
        {
            // Bicep takes only a relative path after `using`.
            var file = Path.Combine(folder.FullName, "deployment.bicepparam");
            var lines = new List<string>
            {
                $"using '{Path.GetRelativePath(folder.FullName, Bicep.MainFile).Replace('\\', '/')}'",
                "param environmentName = 'snapshot'",
                "param location = 'norwayeast'",
                "param linkSigningKey = 'link-signing-key-for-the-snapshot-0123456789'",
                "param apiKey = 'api-key-for-the-snapshot-0123'",
            };
            lines.AddRange(parameters.Select(p => $"param {p.Name} = {p.Value}"));
            await File.WriteAllLinesAsync(file, lines);

            var (exitCode, output, errors) = await Bicep.RunAsync("snapshot", file, "--subscription-id", SubscriptionId, "--tenant-id", TenantId, "--location", "norwayeast", "--deployment-name", "main");
            Assert.True(exitCode == 0, output + errors);
            return JsonNode.Parse(await File.ReadAllTextAsync(Path.ChangeExtension(file, ".snapshot.json")))!.AsObject();
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
