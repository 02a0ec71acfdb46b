using System.Diagnostics;
using System.Text.Json.Nodes;

namespace FollowUp.Console.Tests;

/// <summary>
/// The console's own logic (durations in words, the template model's names, …) is tested with Vitest beside its
/// sources; this runs those tests as part of dotnet test and names each one that fails.
/// </summary>
public sealed class FrontEndUnitTests
{
    [Fact]
    public async Task Vitest_EveryFrontEndTest_Passes()
    {
        var console = Path.Combine(ConsoleTest.RepositoryRoot, "src", "FollowUp.Console");
        var report = Path.Combine(Path.GetTempPath(), $"followup-vitest-{Guid.NewGuid():N}.json");
        try
        {
            using var vitest = Process.Start(new ProcessStartInfo("npx", ["--no-install", "vitest", "run", "--reporter=json", $"--outputFile={report}"])
            {
                WorkingDirectory = console,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            })!;
            var output = vitest.StandardOutput.ReadToEndAsync();
            var errors = vitest.StandardError.ReadToEndAsync();
            await vitest.WaitForExitAsync();
            Assert.True(File.Exists(report), $"Vitest wrote no report (exit {vitest.ExitCode}):\n{await errors}\n{await output}");

            var results = JsonNode.Parse(await File.ReadAllTextAsync(report))!;
            var failures = results["testResults"]!.AsArray()
                .SelectMany(file => file!["assertionResults"]!.AsArray().Select(test => (File: (string)file["name"]!, Test: test!)))
                .Where(entry => (string?)entry.Test["status"] != "passed")
                .Select(entry => $"{Path.GetFileName(entry.File)}: {entry.Test["fullName"]} — {string.Join(" ", entry.Test["failureMessages"]!.AsArray().Select(m => (string?)m))}")
                .ToList();
            Assert.True((int)results["numTotalTests"]! > 0, "Vitest found no tests.");
            Assert.True(failures.Count == 0 && vitest.ExitCode == 0, $"Vitest (exit {vitest.ExitCode}):\n{string.Join('\n', failures)}\n{await errors}");
        }
        finally
        {
            File.Delete(report);
        }
    }
}
