using FollowUp.Http;
using FollowUp.OpenApi;
using FollowUp.WebConsole;
using FollowUp.SelfHost.Demo;
using FollowUp.SelfHost.Dispatch;
using FollowUp.SelfHost.Hosting;
using FollowUp.SelfHost.Security;
using FollowUp.SelfHost.Storage;
using FollowUp.Storage;

namespace FollowUp.SelfHost;

public static class FollowUpSelfHostExtensions
{
    /// <summary>How much faster than the wall clock the demo runs: one second is two hours.</summary>
    public const double DemoSpeed = 7200;

    /// <summary>
    /// Everything the self-host adds to the shared core: local defaults for a fresh machine (Azurite, dev secrets,
    /// outbox), the API key check, the dispatch loop, and the demo. Returns the Azurite it started, if any, for the
    /// caller to stop on exit.
    /// </summary>
    /// <exception cref="FolderInUseException">Another self-host runs its Azurite in the same state folder.</exception>
    /// <exception cref="PortInUseException">Its port is taken (checked when it starts its own Azurite).</exception>
    public static async Task<IAsyncDisposable?> AddFollowUpSelfHostAsync(this WebApplicationBuilder builder, bool demo)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var config = builder.Configuration;
        var state = LocalState.From(config);
        LocalAzurite? azurite = null;
        if (string.IsNullOrWhiteSpace(config[$"{StorageOptions.SectionName}:ConnectionString"]) && string.IsNullOrWhiteSpace(config[$"{StorageOptions.SectionName}:TableServiceUri"]))
        {
            // Checked before Azurite starts, so that a taken port is one line, not stack traces and an Azurite
            // started for nothing. (Only here: a host given its storage, as under the test host, binds no port of ours.)
            if (SelfHostUrls.TakenPort(SelfHostUrls.Resolve(config)) is { } taken)
            {
                throw new PortInUseException(SelfHostUrls.TakenMessage(taken));
            }

            // Said before it happens: the first start installs Azurite with npm, which takes a while.
            Console.WriteLine("Storage: starting Azurite, the local storage emulator...");
            azurite = demo ? await LocalAzurite.StartAsync(location: null).ConfigureAwait(false) : await StartPersistedAzuriteAsync(state).ConfigureAwait(false);
            config[$"{StorageOptions.SectionName}:ConnectionString"] = azurite.ConnectionString;
            if (azurite.ReplacedPid is { } replaced)
            {
                Console.WriteLine($"Storage: an Azurite (pid {replaced}) left running on {state.PathOf("azurite")} by a self-host that was killed has been stopped, after saving its data.");
            }

            Console.WriteLine($"Storage: no connection configured, so Azurite runs on 127.0.0.1:{azurite.Port} ({(demo ? "in memory" : "data in " + state.PathOf("azurite"))}).");
        }

        var urls = SelfHostUrls.Resolve(config);
        if (config["urls"] is null)
        {
            builder.WebHost.UseUrls(urls);
        }

        config[$"{FollowUpOptions.SectionName}:PublicBaseUrl"] ??= urls.Split(';')[0].Replace("://+", "://localhost", StringComparison.Ordinal).Replace("://*", "://localhost", StringComparison.Ordinal);
        config[$"{FollowUpOptions.SectionName}:SigningKey"] ??= state.Secret("signing-key");
        if (config[$"{SelfHostOptions.SectionName}:ApiKey"] is null)
        {
            config[$"{SelfHostOptions.SectionName}:ApiKey"] = state.Secret("api-key");

            // Only the demo shows the key: a terminal's scrollback and CI logs are no place for a key that stays valid.
            Console.WriteLine(demo
                ? $"API: send header X-Api-Key: {config[$"{SelfHostOptions.SectionName}:ApiKey"]} (a local key, kept in {state.PathOf("api-key")})."
                : $"API: send header X-Api-Key with the local key in {state.PathOf("api-key")} (cat it to see it).");
        }

        Console.WriteLine($"Console: {config[$"{FollowUpOptions.SectionName}:PublicBaseUrl"]!.TrimEnd('/')}/console (sign in with the API key).");

        if (config["FollowUp:SendGrid:OutboxPath"] is null)
        {
            config["FollowUp:SendGrid:OutboxPath"] = state.PathOf("outbox");
            if (string.IsNullOrWhiteSpace(config["FollowUp:SendGrid:ApiKey"]))
            {
                // The outbox keeps customers' addresses: make its parent private before the outbox creates it.
                state.EnsureFolder();
            }
        }

        builder.Services.AddOptions<SelfHostOptions>().BindConfiguration(SelfHostOptions.SectionName)
            .Validate(o => o.ApiKey.Length >= 16, $"{SelfHostOptions.SectionName}:ApiKey must be at least 16 characters.")
            .ValidateOnStart();
        if (demo)
        {
            builder.Services.AddSingleton<TimeProvider>(new AcceleratedTimeProvider(DemoSpeed));
            builder.Services.AddHostedService<DemoRunner>();
            // The demo narrates on the console; the pipeline's own logs would drown it out, bar warnings and errors.
            builder.Logging.AddFilter("FollowUp", LogLevel.Warning);
        }

        builder.Services.AddFollowUp();
        builder.Services.AddProblemDetails();
        builder.Services.AddExceptionHandler<StorageUnavailableHandler>();
        builder.Services.AddHostedService<DispatchLoop>();
        builder.Services.AddHostedService<ChangeFeedLoop>();
        return azurite;
    }

    public static WebApplication MapFollowUpSelfHost(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.MapFollowUpApi().AddEndpointFilter<ApiKeyEndpointFilter>();
        app.MapFollowUpPublic();
        app.MapFollowUpApiDescription();
        app.MapFollowUpApiReference();
        app.MapFollowUpConsole();
        return app;
    }

    private static async Task<LocalAzurite> StartPersistedAzuriteAsync(LocalState state)
    {
        state.EnsureFolder();
        try
        {
            return await LocalAzurite.StartAsync(state.PathOf("azurite")).ConfigureAwait(false);
        }
        catch (FolderInUseException ex)
        {
            throw new FolderInUseException(
                $"Another FollowUp self-host is running on {state.Folder}: stop it first, or give this one a folder of its own with {SelfHostOptions.SectionName}:{nameof(SelfHostOptions.StateFolder)}.",
                ex);
        }
    }
}
