using Azure.Data.Tables;
using FollowUp.SelfHost.Storage;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace FollowUp.Benchmarks;

/// <summary>
/// The self-host as <c>dotnet run</c> starts it (API, dispatch loop, real time), in this process, on its own tables,
/// the fake SendGrid, and a storage client whose requests are counted. Listens on Kestrel (loopback TCP) unless told
/// to use the in-memory TestServer.
/// </summary>
internal sealed class BenchSelfHost : WebApplicationFactory<Program>
{
    public const string ApiKey = "bench-api-key-0123456789";

    private readonly IReadOnlyDictionary<string, string?> _settings;
    private readonly TableServiceClient _storage;
    private readonly bool _useTestServer;

    public BenchSelfHost(IReadOnlyDictionary<string, string?> settings, TableServiceClient storage, bool useTestServer)
    {
        _settings = settings;
        _storage = storage;
        _useTestServer = useTestServer;
        if (!useTestServer)
        {
            UseKestrel(0);
        }
    }

    /// <summary>A client of its own (own connections, on Kestrel) carrying the API key.</summary>
    public HttpClient CreateApiClient()
    {
        HttpClient client;
        if (_useTestServer)
        {
            client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        }
        else
        {
            StartServer();
            var address = Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
            client = new HttpClient { BaseAddress = new Uri(address) };
        }

        client.DefaultRequestHeaders.Add("X-Api-Key", ApiKey);
        return client;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        // The factory looks for its content root relative to the working directory, which `dotnet run --project` leaves
        // at the caller's; the self-host's own folder is where its appsettings.json is.
        builder.UseContentRoot(Path.Combine(RepositoryRoot.Find() ?? Directory.GetCurrentDirectory(), "src", "FollowUp.SelfHost"));
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        builder.UseSetting("FollowUp:SelfHost:ApiKey", ApiKey);
        builder.UseSetting("urls", "http://127.0.0.1:0");
        builder.ConfigureLogging(logging =>
        {
            // A line per message sent would be the benchmark's main cost; only trouble is shown.
            logging.ClearProviders();
            logging.AddSimpleConsole(console => console.SingleLine = true);
            logging.AddFilter<ConsoleLoggerProvider>(null, LogLevel.Warning);
            logging.AddFilter<ConsoleLoggerProvider>("FollowUp.FollowUpInitializer", LogLevel.Error);
        });
        builder.ConfigureServices(services => services.Replace(ServiceDescriptor.Singleton(_storage)));
    }
}
