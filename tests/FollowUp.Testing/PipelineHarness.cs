using System.Text.Json;
using System.Text.Json.Nodes;
using FollowUp.Defaults;
using FollowUp.Dispatch;
using FollowUp.Events;
using FollowUp.Ingest;
using FollowUp.Messages;
using FollowUp.Storage;
using FollowUp.Validation;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace FollowUp.Testing;

/// <summary>
/// The core pipeline wired as the hosts wire it (<c>AddFollowUp</c>), on Azurite with this test's own tables, the
/// fake SendGrid server, and a fake clock.
/// </summary>
public sealed class PipelineHarness : IAsyncDisposable
{
    public static readonly DateTimeOffset Start = new(2026, 11, 23, 8, 0, 0, TimeSpan.Zero);
    public const string SigningKey = "test-signing-key-0123456789abcdef0123456789";
    public const string PublicBaseUrl = "https://followup.test";

    private PipelineHarness(ServiceProvider services, FakeTimeProvider time, FakeSendGridServer sendGrid, Dictionary<string, string?> settings)
    {
        Services = services;
        Time = time;
        SendGrid = sendGrid;
        Settings = settings;
    }

    public ServiceProvider Services { get; }

    public FakeTimeProvider Time { get; }

    public FakeSendGridServer SendGrid { get; }

    public IReadOnlyDictionary<string, string?> Settings { get; }

    public FollowUpTables Tables => Services.GetRequiredService<FollowUpTables>();

    public EventIngestor Ingestor => Services.GetRequiredService<EventIngestor>();

    public MessageDispatcher Dispatcher => Services.GetRequiredService<MessageDispatcher>();

    public MessageLedger Ledger => Services.GetRequiredService<MessageLedger>();

    public MessageLife Life => Services.GetRequiredService<MessageLife>();

    /// <summary>The name of the API key every test host knows (<c>FollowUp:ApiKeys</c>), as versions record it.</summary>
    public const string ApiKeyName = "tests";

    /// <summary>The key itself, for callers of the /api functions.</summary>
    public const string ApiKey = "pipeline-test-key-0123456789";

    /// <summary>Settings every test host needs: its own tables on the shared Azurite, the fake SendGrid, test secrets.</summary>
    public static async Task<Dictionary<string, string?>> SettingsAsync(FakeSendGridServer sendGrid) => new()
    {
        ["FollowUp:Storage:ConnectionString"] = await SharedAzurite.ConnectionStringAsync().ConfigureAwait(false),
        ["FollowUp:Storage:TablePrefix"] = "t" + Guid.NewGuid().ToString("N")[..12],
        ["FollowUp:PublicBaseUrl"] = PublicBaseUrl,
        ["FollowUp:SigningKey"] = SigningKey,
        ["FollowUp:SendGrid:ApiKey"] = FakeSendGridServer.ApiKey,
        ["FollowUp:SendGrid:BaseUrl"] = sendGrid.BaseUrl,
        ["FollowUp:SendGrid:FromEmail"] = "hei@tebutikken.example",
        ["FollowUp:SendGrid:FromName"] = "Tebutikken",
        ["FollowUp:SendGrid:WebhookPublicKey"] = sendGrid.WebhookPublicKey,
        ["FollowUp:Dispatch:Parallelism"] = "4",
        [$"FollowUp:ApiKeys:{ApiKeyName}"] = ApiKey,
    };

    public static async Task<PipelineHarness> CreateAsync(Action<Dictionary<string, string?>>? configure = null, bool seedDefaults = true, Action<IServiceCollection>? services = null)
    {
        var sendGrid = await FakeSendGridServer.StartAsync().ConfigureAwait(false);
        var settings = await SettingsAsync(sendGrid).ConfigureAwait(false);
        configure?.Invoke(settings);
        var time = new FakeTimeProvider(Start);
        var collection = new ServiceCollection()
            .AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build())
            .AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning))
            .AddSingleton<TimeProvider>(time)
            .AddFollowUp();
        services?.Invoke(collection);
        var provider = collection.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        var harness = new PipelineHarness(provider, time, sendGrid, settings);
        await harness.Tables.CreateIfNotExistsAsync().ConfigureAwait(false);
        if (seedDefaults)
        {
            await provider.GetRequiredService<DefaultContentSeeder>().SeedAsync().ConfigureAwait(false);
        }

        return harness;
    }

    public async Task<IngestResult> IngestAsync(JsonObject cloudEvent) =>
        await Ingestor.IngestAsync(Parse(cloudEvent)).ConfigureAwait(false);

    /// <summary>A test event as the API would pass it on, or an exception naming what is wrong with it.</summary>
    public static FollowUpEvent Parse(JsonObject cloudEvent)
    {
        var errors = new FieldErrors();
        return EventParser.Parse(JsonSerializer.SerializeToElement(cloudEvent), errors)
            ?? throw new InvalidOperationException("Invalid test event: " + JsonSerializer.Serialize(errors.ToDictionary()));
    }

    /// <summary>Moves the fake clock on and runs one dispatch pass, as the timer or the loop would.</summary>
    public async Task<DispatchSummary> AdvanceAndDispatchAsync(TimeSpan by)
    {
        Time.Advance(by);
        return await Dispatcher.DispatchDueAsync().ConfigureAwait(false);
    }

    /// <summary>The first message due now, as a dispatcher would find it.</summary>
    public async Task<MessageEntity> DueMessageAsync()
    {
        var now = Time.GetUtcNow();
        foreach (var listed in await Life.DuePartitionsAsync(now).ConfigureAwait(false))
        {
            if ((await Life.PendingInAsync(listed, now).ConfigureAwait(false)).Due is [var first, ..])
            {
                return first;
            }
        }

        throw new InvalidOperationException("Nothing is due.");
    }

    public async Task<MessageEntity> MessageAsync(string messageId) =>
        await Ledger.FindAsync(messageId).ConfigureAwait(false) ?? throw new InvalidOperationException($"No message {messageId}.");

    public async ValueTask DisposeAsync()
    {
        try
        {
            await Tables.DeleteAllAsync().ConfigureAwait(false);
        }
        finally
        {
            await Services.DisposeAsync().ConfigureAwait(false);
            await SendGrid.DisposeAsync().ConfigureAwait(false);
        }
    }
}
