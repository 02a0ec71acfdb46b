namespace FollowUp.Cli.Commands;

/// <summary>A command line as parsed.</summary>
/// <param name="Command">validate, plan, apply, export or help.</param>
/// <param name="Dir">The folder's root, absolute.</param>
/// <param name="Url">The FollowUp instance; required by every command but validate.</param>
/// <param name="ApiKey">Sent as <c>X-Api-Key</c> (the self-host).</param>
/// <param name="FunctionKey">Sent as <c>x-functions-key</c> (Azure Functions).</param>
/// <param name="NoDelete">Keep what is on the server and not in the folder.</param>
internal sealed record CliOptions(string Command, string Dir, Uri? Url, string? ApiKey, string? FunctionKey, bool NoDelete)
{
    public const string ApiKeyVariable = "FOLLOWUP_API_KEY";

    public const string FunctionKeyVariable = "FOLLOWUP_FUNCTION_KEY";

    private static readonly string[] Commands = ["validate", "plan", "apply", "export"];

    /// <exception cref="UsageException">The command line is not one this tool runs.</exception>
    public static CliOptions Parse(IReadOnlyList<string> args, Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(environment);
        if (args.Count == 0 || args[0] is "help" or "--help" or "-h")
        {
            return new CliOptions("help", Directory.GetCurrentDirectory(), null, null, null, false);
        }

        var command = args[0];
        if (!Commands.Contains(command))
        {
            throw new UsageException($"'{command}' is not a command: use {string.Join(", ", Commands)} (followup --help)");
        }

        var values = new Dictionary<string, string?>(StringComparer.Ordinal);
        for (var i = 1; i < args.Count; i++)
        {
            var (name, value) = args[i].Split('=', 2) is [var n, var v] && n.StartsWith("--", StringComparison.Ordinal) ? (n, v) : (args[i], null);
            var takesValue = name is "--dir" or "--url" or "--api-key" or "--function-key";
            if (name is "--help" or "-h")
            {
                return new CliOptions("help", Directory.GetCurrentDirectory(), null, null, null, false);
            }

            if (!OptionsOf(command).Contains(name))
            {
                throw new UsageException($"'{args[i]}' is not an option of {command} (followup --help)");
            }

            if (takesValue && value is null)
            {
                value = i + 1 < args.Count ? args[++i] : throw new UsageException($"{name} needs a value");
            }

            if (!values.TryAdd(name, value))
            {
                throw new UsageException($"{name} is given twice");
            }
        }

        Uri? url = null;
        if (command != "validate")
        {
            var text = values.GetValueOrDefault("--url") ?? throw new UsageException($"{command} needs --url, the address of the FollowUp instance (such as https://followup.example.com)");
            if (!Uri.TryCreate(text.EndsWith('/') ? text : text + "/", UriKind.Absolute, out url) || url.Scheme is not ("http" or "https"))
            {
                throw new UsageException($"--url '{text}' is not an http or https address");
            }
        }

        var apiKey = values.GetValueOrDefault("--api-key") ?? environment(ApiKeyVariable);
        var functionKey = values.GetValueOrDefault("--function-key") ?? environment(FunctionKeyVariable);
        return new CliOptions(
            command,
            Path.GetFullPath(values.GetValueOrDefault("--dir") ?? Directory.GetCurrentDirectory()),
            url,
            string.IsNullOrEmpty(apiKey) ? null : apiKey,
            string.IsNullOrEmpty(functionKey) ? null : functionKey,
            values.ContainsKey("--no-delete"));
    }

    private static string[] OptionsOf(string command) => command switch
    {
        "validate" => ["--dir"],
        "export" => ["--dir", "--url", "--api-key", "--function-key"],
        _ => ["--dir", "--url", "--api-key", "--function-key", "--no-delete"],
    };

    public const string Help = """
        followup — FollowUp's rules and templates as files in git.

        Usage:
          followup validate [--dir D]
          followup plan     --url U [--api-key K | --function-key K] [--dir D] [--no-delete]
          followup apply    --url U [--api-key K | --function-key K] [--dir D] [--no-delete]
          followup export   --url U [--api-key K | --function-key K] [--dir D]

        Commands:
          validate  checks the folder offline with the API's own checks; every problem as file:line:column
          plan      shows what apply would create, change and delete on the instance
          apply     validates, plans, and makes the writes, each with If-Match on the version the plan read
          export    writes the instance's rules and templates into the folder (replacing it)

        Options:
          --dir D           the folder holding rules/ and templates/ (default: the current folder)
          --url U           the FollowUp instance, such as http://localhost:5080
          --api-key K       sent as X-Api-Key (default: $FOLLOWUP_API_KEY)
          --function-key K  sent as x-functions-key, for Azure Functions (default: $FOLLOWUP_FUNCTION_KEY)
          --no-delete       keep rules and templates that are on the instance but not in the folder

        Exit codes: 0 valid / no changes / done; 1 problems in the folder, changes to make (plan), or a write the
        instance refused (apply); 2 a wrong command line, or the instance cannot be reached or refuses the key.
        """;
}
