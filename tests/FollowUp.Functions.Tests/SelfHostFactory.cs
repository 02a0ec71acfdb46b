using FollowUp.Storage;
using FollowUp.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace FollowUp.Functions.Tests;

/// <summary>The real self-host on this test's own tables and the fake SendGrid, so its endpoints can be read.</summary>
public sealed class SelfHostFactory : WebApplicationFactory<Program>
{
    private readonly FakeSendGridServer _sendGrid;
    private readonly Dictionary<string, string?> _settings;

    private SelfHostFactory(FakeSendGridServer sendGrid, Dictionary<string, string?> settings)
    {
        _sendGrid = sendGrid;
        _settings = settings;
    }

    public IReadOnlyList<RouteEndpoint> Endpoints =>
        Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList();

    public static async Task<SelfHostFactory> CreateAsync()
    {
        var sendGrid = await FakeSendGridServer.StartAsync();
        var settings = await PipelineHarness.SettingsAsync(sendGrid);
        settings["FollowUp:SelfHost:ApiKey"] = "test-api-key-0123456789";
        return new SelfHostFactory(sendGrid, settings);
    }

    public override async ValueTask DisposeAsync()
    {
        try
        {
            await Services.GetRequiredService<FollowUpTables>().DeleteAllAsync();
        }
        finally
        {
            await base.DisposeAsync();
            await _sendGrid.DisposeAsync();
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }
    }
}
