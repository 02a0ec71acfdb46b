using System.Diagnostics;
using System.Reflection;
using System.Text.Json.Nodes;

namespace FollowUp.Infra.Tests;

/// <summary>Runs the bicep binary from the Azure.Bicep.CommandLine package on infra/main.bicep.</summary>
internal static class Bicep
{
    private static readonly Lazy<Task<(int ExitCode, string Output, string Errors)>> Compiled = new(() => RunAsync("build", MainFile, "--stdout"));

    public static string InfraFolder => Metadata("InfraFolder");

    public static string MainFile => Path.Combine(InfraFolder, "main.bicep");

    public static async Task<(int ExitCode, string Output, string Errors)> BuildAsync() => await Compiled.Value;

    public static async Task<JsonObject> TemplateAsync()
    {
        var (exitCode, output, errors) = await BuildAsync();
        Assert.True(exitCode == 0, errors);
        return JsonNode.Parse(output)!.AsObject();
    }

    public static async Task<(int ExitCode, string Output, string Errors)> RunAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo(Metadata("BicepPath").Replace('\\', Path.DirectorySeparatorChar))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // Offline: no registry modules, and no telemetry or update checks calling out.
        start.Environment["BICEP_TELEMETRY_ENABLED"] = "false";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output, await errors);
    }

    private static string Metadata(string key) =>
        typeof(Bicep).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value!;
}
