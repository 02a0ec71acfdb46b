using System.Globalization;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Text.Json;
using FollowUp.SelfHost.Storage;

namespace FollowUp.Benchmarks;

/// <summary>The run's figures as a markdown table, with what they were measured on and how to repeat them.</summary>
internal static class Report
{
    public const string Command = "dotnet run -c Release --project bench/FollowUp.Benchmarks";

    public static void Print(TextWriter output, BenchmarkOptions options, IReadOnlyList<string> args, IReadOnlyList<Figure> figures, DateTimeOffset startedAt, TimeSpan elapsed)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(figures);
        var ceiling = figures.FirstOrDefault(f => f.Id == "1")?.PerSecond;
        var configuration = typeof(Report).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "unknown";
        var server = options.UseTestServer ? "the in-memory TestServer" : "Kestrel on loopback TCP";

        output.WriteLine();
        output.WriteLine("## FollowUp benchmark");
        output.WriteLine();
        output.WriteLine($"- command: `{Command}{(args.Count > 0 ? " -- " + string.Join(' ', args) : string.Empty)}`");
        output.WriteLine($"- machine: {Environment.ProcessorCount} logical cores, {RuntimeInformation.OSDescription} ({RuntimeInformation.OSArchitecture}), {RuntimeInformation.FrameworkDescription}, {configuration} build");
        output.WriteLine($"- storage: Azurite {AzuriteVersion()} (in memory, loopback), the same instance for every figure; the benchmark, the self-host and Azurite share the cores");
        output.WriteLine($"- HTTP: the self-host in this process (WebApplicationFactory<Program>) on {server}; mail: the fake SendGrid on loopback");
        output.WriteLine($"- started {startedAt.ToString("u", CultureInfo.InvariantCulture)}, took {Stats.Seconds(elapsed)}{(options.Quick ? " (--quick: smoke sizes, figures are rough)" : string.Empty)}");
        output.WriteLine();
        output.WriteLine("| # | figure | result | vs raw ceiling | detail |");
        output.WriteLine("|---|---|---:|---:|---|");
        foreach (var figure in figures)
        {
            var ratio = figure.PerSecond is { } rate && ceiling is { } raw && raw > 0 ? Ratio(rate / raw) : "—";
            var detail = figure.Ok ? figure.Detail : "**incomplete** — " + figure.Detail;
            output.WriteLine($"| {figure.Id} | {figure.What} | {figure.Result} | {ratio} | {detail} |");
        }

        output.WriteLine();
        output.WriteLine("\"vs raw ceiling\" divides a rate by figure 1: pipeline events or messages per second over plain batched entity writes per second.");
        output.WriteLine("Azurite answers every query by testing each entity of the table (LokiJS) and sorting the matches, so its queries slow down as");
        output.WriteLine("tables grow, where Azure Table Storage reads a key range; the first- and last-quarter rates in the details show how much.");
        output.WriteLine("Figures 2 and 2b include the self-host's dispatch loop, which every scheduled message wakes to look for due work (its queries");
        output.WriteLine("are the difference in queries/event to 2c).");
        output.WriteLine("Figure 6 runs the self-host as a process of its own (dotnet FollowUp.SelfHost.dll) on the same Azurite, and figure 7 runs the");
        output.WriteLine("Functions app's DispatchFunction class in this process (compiled against the tests' mirror of the worker attributes) with an");
        output.WriteLine("in-memory channel for the Storage queue: the queue's own latency and requests are not in 7.");
    }

    private static string Ratio(double share) => share >= 0.995
        ? share.ToString("P0", CultureInfo.InvariantCulture)
        : $"{share.ToString("P1", CultureInfo.InvariantCulture)} (1 : {(1 / share).ToString("N0", CultureInfo.InvariantCulture)})";

    private static string AzuriteVersion()
    {
        var root = RepositoryRoot.Find();
        var packageJson = root is null ? null : Path.Combine(root, "node_modules", "azurite", "package.json");
        if (packageJson is null || !File.Exists(packageJson))
        {
            return "(version unknown)";
        }

        using var document = JsonDocument.Parse(File.ReadAllText(packageJson));
        return document.RootElement.TryGetProperty("version", out var version) ? version.GetString() ?? "(version unknown)" : "(version unknown)";
    }
}
