using FollowUp.SelfHost.Dispatch;
using FollowUp.Storage;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;

namespace FollowUp.Testing;

/// <summary>
/// The self-host as <c>dotnet run</c> starts it, but on this test's own tables (deleted afterwards), the fake
/// SendGrid and a fake clock. Shared by every test project that hosts it.
/// </summary>
public sealed class SelfHostFactory : WebApplicationFactory<Program>
{
    public const string ApiKey = "test-api-key-0123456789";

    private readonly bool _runDispatchLoop;
    private Action<IServiceCollection>? _services;

    private SelfHostFactory(FakeSendGridServer sendGrid, Dictionary<string, string?> settings, bool runDispatchLoop)
    {
        SendGrid = sendGrid;
        Settings = settings;
        _runDispatchLoop = runDispatchLoop;
    }

    public FakeSendGridServer SendGrid { get; }

    public Dictionary<string, string?> Settings { get; }

    public FakeTimeProvider Time { get; } = new(PipelineHarness.Start);

    public IReadOnlyList<RouteEndpoint> Endpoints =>
        Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList();

    /// <param name="runDispatchLoop">
    /// Off by default: API tests dispatch (and run the change feed) when they choose to, so a background pass never
    /// races their assertions.
    /// </param>
    /// <param name="configure">Changes to the settings before the host starts.</param>
    /// <param name="services">Changes to the services, after the host's own.</param>
    public static async Task<SelfHostFactory> CreateAsync(bool runDispatchLoop = false, Action<Dictionary<string, string?>>? configure = null, Action<IServiceCollection>? services = null)
    {
        var sendGrid = await FakeSendGridServer.StartAsync().ConfigureAwait(false);
        var settings = await PipelineHarness.SettingsAsync(sendGrid).ConfigureAwait(false);
        settings["FollowUp:SelfHost:ApiKey"] = ApiKey;
        configure?.Invoke(settings);
        return new SelfHostFactory(sendGrid, settings, runDispatchLoop) { _services = services };
    }

    public HttpClient CreateApiClient()
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", ApiKey);
        return client;
    }

    public override async ValueTask DisposeAsync()
    {
        try
        {
            await Services.GetRequiredService<FollowUpTables>().DeleteAllAsync().ConfigureAwait(false);
        }
        finally
        {
            await base.DisposeAsync().ConfigureAwait(false);
            await SendGrid.DisposeAsync().ConfigureAwait(false);
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureServices(services =>
        {
            services.Replace(ServiceDescriptor.Singleton<TimeProvider>(Time));
            if (!_runDispatchLoop)
            {
                services.Remove(services.Single(d => d.ImplementationType == typeof(DispatchLoop)));
                services.Remove(services.Single(d => d.ImplementationType == typeof(ChangeFeedLoop)));
            }

            _services?.Invoke(services);
        });
    }
}
