using System.Diagnostics;
using Microsoft.Playwright;

namespace FollowUp.Testing;

/// <summary>
/// Debian's Chromium, launched through Playwright: Playwright's own browser download is not reachable from the build
/// machines, and the distribution's browser is what a developer has anyway. Installed with apt-get when missing and
/// the caller is root (as in CI); otherwise the launch fails with the command to run. Shared by the browser tests and
/// the benchmark, which links this file: its namespace is the shared testing one, because a FollowUp.Console namespace
/// there would hide System.Console.
/// </summary>
public static class DebianChromium
{
    public const string ExecutablePath = "/usr/bin/chromium";
    public const string InstallCommand = "apt-get update && apt-get install -y --no-install-recommends chromium";

    public static async Task<IBrowser> LaunchAsync(IPlaywright playwright)
    {
        ArgumentNullException.ThrowIfNull(playwright);
        await EnsureInstalledAsync();
        return await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            // Without the networking flags Chromium keeps trying Google's hosts, which a closed network refuses.
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"],
        });
    }

    private static async Task EnsureInstalledAsync()
    {
        if (File.Exists(ExecutablePath))
        {
            return;
        }

        if (!OperatingSystem.IsLinux() || Environment.UserName != "root" || !File.Exists("/usr/bin/apt-get"))
        {
            throw new InvalidOperationException($"The browser tests need Debian's Chromium at {ExecutablePath}. Install it with: sudo sh -c '{InstallCommand}'");
        }

        using var install = Process.Start(new ProcessStartInfo("/bin/sh", ["-c", InstallCommand])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment = { ["DEBIAN_FRONTEND"] = "noninteractive" },
        })!;
        var output = install.StandardOutput.ReadToEndAsync();
        var errors = install.StandardError.ReadToEndAsync();
        await install.WaitForExitAsync();
        if (install.ExitCode != 0 || !File.Exists(ExecutablePath))
        {
            throw new InvalidOperationException($"Installing Chromium with '{InstallCommand}' failed ({install.ExitCode}):\n{await errors}\n{await output}");
        }
    }
}
