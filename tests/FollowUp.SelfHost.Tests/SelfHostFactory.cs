using FollowUp.SelfHost.Dispatch;
using FollowUp.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;

namespace FollowUp.SelfHost.Tests;

/// <summary>The self-host as <c>dotnet run</c> starts it, but on this test's own tables, the fake SendGrid and a fake clock.</summary>
public sealed class SelfHostFactory : WebApplicationFactory<Program>
{
    public const string ApiKey = "test-api-key-0123456789";

    private readonly bool _runDispatchLoop;

    private SelfHostFactory(FakeSendGridServer sendGrid, Dictionary<string, string?> settings, bool runDispatchLoop)
    {
        SendGrid = sendGrid;
        Settings = settings;
        _runDispatchLoop = runDispatchLoop;
    }

    public FakeSendGridServer SendGrid { get; }

    public Dictionary<string, string?> Settings { get; }

    public FakeTimeProvider Time { get; } = new(PipelineHarness.Start);

    /// <param name="runDispatchLoop">
    /// Off by default: API tests dispatch when they choose to, so a background pass never races their assertions.
    /// </param>
    public static async Task<SelfHostFactory> CreateAsync(bool runDispatchLoop = false)
    {
        var sendGrid = await FakeSendGridServer.StartAsync();
        var settings = await PipelineHarness.SettingsAsync(sendGrid);
        settings["FollowUp:SelfHost:ApiKey"] = ApiKey;
        return new SelfHostFactory(sendGrid, settings, runDispatchLoop);
    }

    public HttpClient CreateApiClient()
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", ApiKey);
        return client;
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await SendGrid.DisposeAsync();
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
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
            }
        });
    }
}
