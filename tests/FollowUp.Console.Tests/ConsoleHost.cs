using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace FollowUp.Console.Tests;

/// <summary>
/// The self-host on a real loopback port (a browser cannot reach an in-memory test server), on the test's own tables in
/// Azurite, with the fake SendGrid and the fake clock.
/// </summary>
public sealed class ConsoleHost : IAsyncDisposable
{
    private ConsoleHost(SelfHostFactory factory, Uri address)
    {
        Factory = factory;
        Address = address;
    }

    public SelfHostFactory Factory { get; }

    public Uri Address { get; }

    public Uri Console => new(Address, "/console/");

    public static async Task<ConsoleHost> StartAsync(Action<Dictionary<string, string?>>? configure = null)
    {
        var factory = await SelfHostFactory.CreateAsync(configure: configure);
        factory.UseKestrel(0);
        factory.StartServer();
        var address = factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new ConsoleHost(factory, new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal)));
    }

    public HttpClient CreateApiClient()
    {
        var client = new HttpClient { BaseAddress = Address };
        client.DefaultRequestHeaders.Add("X-Api-Key", SelfHostFactory.ApiKey);
        return client;
    }

    public ValueTask DisposeAsync() => Factory.DisposeAsync();
}
