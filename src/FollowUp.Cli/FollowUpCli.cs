using FollowUp.Cli.Api;
using FollowUp.Cli.Commands;
using FollowUp.Cli.Folder;
using FollowUp.Cli.Planning;
using FollowUp.Templates;

namespace FollowUp.Cli;

/// <summary>
/// The <c>followup</c> command line: validate, plan, apply and export. Reports go to <c>output</c>, a command line
/// or connection that fails to <c>error</c>; the exit code says which (see <see cref="ExitCodes"/>).
/// </summary>
/// <param name="output">The report.</param>
/// <param name="error">Usage and connection errors.</param>
/// <param name="handler">How requests reach the server; the tests hand in an in-process self-host's.</param>
/// <param name="environment">Environment variables (the API key); the process's own by default.</param>
internal sealed class FollowUpCli(TextWriter output, TextWriter error, HttpMessageHandler? handler = null, Func<string, string?>? environment = null)
{
    public async Task<int> RunAsync(IReadOnlyList<string> args, CancellationToken cancellationToken = default)
    {
        CliOptions? options = null;
        try
        {
            options = CliOptions.Parse(args, environment ?? Environment.GetEnvironmentVariable);
            return options.Command switch
            {
                "validate" => await ValidateAsync(options).ConfigureAwait(false),
                "plan" => await PlanAsync(options, apply: false, cancellationToken).ConfigureAwait(false),
                "apply" => await PlanAsync(options, apply: true, cancellationToken).ConfigureAwait(false),
                "export" => await ExportAsync(options, cancellationToken).ConfigureAwait(false),
                _ => await HelpAsync().ConfigureAwait(false),
            };
        }
        catch (UsageException ex)
        {
            await error.WriteLineAsync($"followup: {ex.Message}").ConfigureAwait(false);
            return ExitCodes.UsageOrConnection;
        }
        catch (HttpRequestException ex)
        {
            await error.WriteLineAsync($"followup: cannot reach {options?.Url}: {ex.Message}").ConfigureAwait(false);
            return ExitCodes.UsageOrConnection;
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            await error.WriteLineAsync($"followup: {options?.Url} did not answer in time").ConfigureAwait(false);
            return ExitCodes.UsageOrConnection;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await error.WriteLineAsync("followup: cancelled; what was done is listed above").ConfigureAwait(false);
            return ExitCodes.UsageOrConnection;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            await error.WriteLineAsync($"followup: {ex.Message}").ConfigureAwait(false);
            return ExitCodes.UsageOrConnection;
        }
        catch (ApiException ex)
        {
            var hint = ex.Status is 401 or 403 ? $" (give the key with --api-key or ${CliOptions.ApiKeyVariable}; on Azure Functions, --function-key)" : string.Empty;
            await error.WriteLineAsync($"followup: {ex.Message}{hint}").ConfigureAwait(false);
            return ExitCodes.UsageOrConnection;
        }
    }

    private async Task<int> HelpAsync()
    {
        await output.WriteLineAsync(CliOptions.Help).ConfigureAwait(false);
        return ExitCodes.Ok;
    }

    private async Task<int> ValidateAsync(CliOptions options)
    {
        var folder = FolderStep.Read(options.Dir);
        await FolderStep.ReportAsync(folder, output).ConfigureAwait(false);
        return folder.IsValid ? ExitCodes.Ok : ExitCodes.Problems;
    }

    private async Task<int> PlanAsync(CliOptions options, bool apply, CancellationToken cancellationToken)
    {
        var folder = FolderStep.Read(options.Dir);
        if (!folder.IsValid)
        {
            await FolderStep.ReportAsync(folder, output).ConfigureAwait(false);
            return ExitCodes.Problems;
        }

        using var http = CreateClient(options);
        var api = new FollowUpApi(http);
        var server = new ServerContent(
            await api.ListRulesAsync(cancellationToken).ConfigureAwait(false),
            await api.ListTemplatesAsync(cancellationToken).ConfigureAwait(false));
        if (options.NoDelete && server.Rules.Where(r => !folder.Rules.ContainsKey(r.Id)).ToList() is { Count: > 0 } kept)
        {
            // Rules that stay on the server send the folder's templates too: a template must suit them as well.
            folder = FolderValidator.Validate(folder.Content, new ScriptLimits(), kept);
            if (!folder.IsValid)
            {
                await FolderStep.ReportAsync(folder, output).ConfigureAwait(false);
                return ExitCodes.Problems;
            }
        }

        await output.WriteLineAsync($"Folder {options.Dir}: {FolderStep.Count(folder.Rules.Count, "rule")}, {FolderStep.Count(folder.Templates.Count, "template")}.").ConfigureAwait(false);
        await output.WriteLineAsync($"{options.Url}: {FolderStep.Count(server.Rules.Count, "rule")}, {FolderStep.Count(server.Templates.Count, "template")}.").ConfigureAwait(false);
        await output.WriteLineAsync().ConfigureAwait(false);
        var plan = Planner.Make(folder, server, delete: !options.NoDelete);
        await PlanReport.WriteAsync(plan, options.Url!, output).ConfigureAwait(false);
        if (plan.Changes.Count == 0)
        {
            return ExitCodes.Ok;
        }

        if (!apply)
        {
            return ExitCodes.Problems;
        }

        await output.WriteLineAsync().ConfigureAwait(false);
        await output.WriteLineAsync("Applying:").ConfigureAwait(false);
        if (!await Applier.ApplyAsync(plan, api, output, cancellationToken).ConfigureAwait(false))
        {
            return ExitCodes.Problems;
        }

        await output.WriteLineAsync($"Applied: {plan.Count(ChangeKind.Create)} created, {plan.Count(ChangeKind.Change)} changed, {plan.Count(ChangeKind.Delete)} deleted.").ConfigureAwait(false);
        return ExitCodes.Ok;
    }

    private async Task<int> ExportAsync(CliOptions options, CancellationToken cancellationToken)
    {
        using var http = CreateClient(options);
        var api = new FollowUpApi(http);
        var rules = await api.ListRulesAsync(cancellationToken).ConfigureAwait(false);
        var templates = await api.ListTemplatesAsync(cancellationToken).ConfigureAwait(false);
        Directory.CreateDirectory(options.Dir);
        var (written, removed) = FolderWriter.Write(options.Dir, [.. rules], [.. templates]);
        foreach (var file in removed)
        {
            await output.WriteLineAsync($"removed {file}").ConfigureAwait(false);
        }

        await output.WriteLineAsync($"Exported {FolderStep.Count(rules.Count, "rule")} and {FolderStep.Count(templates.Count, "template")} from {options.Url} into {options.Dir}: {FolderStep.Count(written.Count, "file")} written, {removed.Count} removed.").ConfigureAwait(false);
        return ExitCodes.Ok;
    }

    private HttpClient CreateClient(CliOptions options)
    {
        var http = handler is null ? new HttpClient() : new HttpClient(handler, disposeHandler: false);
        http.BaseAddress = options.Url;
        if (options.ApiKey is { } apiKey)
        {
            http.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
        }

        if (options.FunctionKey is { } functionKey)
        {
            http.DefaultRequestHeaders.Add("x-functions-key", functionKey);
        }

        return http;
    }
}
