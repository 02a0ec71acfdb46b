using FollowUp.Functions.Tests;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace FollowUp.Console.Tests;

/// <summary>
/// A host for the console on a real loopback port (a browser cannot reach an in-memory test server), on the test's own
/// tables in Azurite, with the fake SendGrid and the fake clock: the self-host, or the Functions app's functions as
/// the worker invokes them.
/// </summary>
public sealed class ConsoleHost : IAsyncDisposable
{
    private readonly IAsyncDisposable _owner;

    private ConsoleHost(IAsyncDisposable owner, Uri address, string apiKey, IServiceProvider services, FakeTimeProvider time, FakeSendGridServer sendGrid)
    {
        SendGrid = sendGrid;
        _owner = owner;
        Address = address;
        ApiKey = apiKey;
        Services = services;
        Time = time;
    }

    public Uri Address { get; }

    public Uri Console => new(Address, "/console/");

    public string ApiKey { get; }

    public IServiceProvider Services { get; }

    public FakeTimeProvider Time { get; }

    public FakeSendGridServer SendGrid { get; }

    public static async Task<ConsoleHost> StartSelfHostAsync(Action<Dictionary<string, string?>>? configure = null)
    {
        var factory = await SelfHostFactory.CreateAsync(configure: configure);
        factory.UseKestrel(0);
        factory.StartServer();
        var address = factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new ConsoleHost(factory, new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal)), SelfHostFactory.ApiKey, factory.Services, factory.Time, factory.SendGrid);
    }

    public static async Task<ConsoleHost> StartFunctionsAsync(Action<Dictionary<string, string?>>? configure = null)
    {
        var functions = await FunctionsHttpHost.StartAsync(configure);
        return new ConsoleHost(functions, functions.Address, PipelineHarness.ApiKey, functions.Harness.Services, functions.Harness.Time, functions.Harness.SendGrid);
    }

    public HttpClient CreateApiClient()
    {
        var client = new HttpClient { BaseAddress = Address };
        client.DefaultRequestHeaders.Add("X-Api-Key", ApiKey);
        return client;
    }

    public ValueTask DisposeAsync() => _owner.DisposeAsync();
}
