using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using FollowUp.Defaults;
using FollowUp.Dispatch;
using FollowUp.Events;
using FollowUp.Ingest;
using FollowUp.Storage;
using FollowUp.Rules;
using FollowUp.Validation;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;

namespace FollowUp.Benchmarks;

/// <summary>The core pipeline wired as the hosts wire it (<c>AddFollowUp</c>), on real time, without a host around it.</summary>
internal sealed class BenchPipeline : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    private BenchPipeline(ServiceProvider services) => _services = services;

    public FollowUpTables Tables => _services.GetRequiredService<FollowUpTables>();

    public EventIngestor Ingestor => _services.GetRequiredService<EventIngestor>();

    public MessageDispatcher Dispatcher => _services.GetRequiredService<MessageDispatcher>();

    public DispatchOptions DispatchOptions => _services.GetRequiredService<IOptions<DispatchOptions>>().Value;

    /// <summary>An instance of <typeparamref name="T"/> built from the pipeline's services, as the Functions worker builds function classes.</summary>
    public T Create<T>() => ActivatorUtilities.CreateInstance<T>(_services);

    public static async Task<BenchPipeline> CreateAsync(IReadOnlyDictionary<string, string?> settings, TableServiceClient storage, CancellationToken cancellationToken)
    {
        var services = new ServiceCollection()
            .AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build())
            .AddLogging(logging => logging
                .AddSimpleConsole(console => console.SingleLine = true)
                .AddFilter<ConsoleLoggerProvider>(null, LogLevel.Warning))
            .AddSingleton(TimeProvider.System)
            .AddSingleton(storage)
            .AddFollowUp()
            .BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        var pipeline = new BenchPipeline(services);
        await pipeline.Tables.CreateIfNotExistsAsync(cancellationToken);
        await services.GetRequiredService<DefaultContentSeeder>().SeedAsync(cancellationToken);
        await pipeline.UseThankYouAsync(timing: true, cancellationToken);
        return pipeline;
    }

    /// <summary>
    /// The default thank-you rule, for the figures that send it on real time. With <paramref name="timing"/> it goes
    /// through everything that times a message — a send window in the customer's zone (moved to hold this hour, so the
    /// figures do not depend on the time of day) and the caps of the feedback category and the daily total — and
    /// without, through none of it, so that the difference is what timing costs.
    /// </summary>
    public Task UseThankYouAsync(bool timing, CancellationToken cancellationToken) =>
        _services.GetRequiredService<RuleBook>().SaveAsync(ThankYou(timing), expectedVersion: null, cancellationToken: cancellationToken);

    /// <summary>The thank-you rule of <see cref="UseThankYouAsync"/>, for a benchmark that runs a host of its own.</summary>
    public static Rule ThankYou(bool timing)
    {
        var rule = DefaultRules.All.Single(r => r.Id == "thank-you");
        if (!timing)
        {
            return rule with { Category = MessageCategory.Service, SendWindow = null, MaxEventAge = null };
        }

        var local = TimeZoneInfo.ConvertTime(TimeProvider.System.GetUtcNow(), TimeZoneInfo.FindSystemTimeZoneById("Europe/Oslo"));
        var from = new TimeOnly(local.Hour, 0).AddHours(-2);
        return rule with
        {
            Category = MessageCategory.Feedback,
            SendWindow = new RuleSendWindow { Days = RuleSendWindow.DayNames, From = from.ToString("HH:mm", CultureInfo.InvariantCulture), To = from.AddHours(8).ToString("HH:mm", CultureInfo.InvariantCulture), SkipHolidays = false },
        };
    }

    public async Task<IngestResult> IngestAsync(JsonObject cloudEvent, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var parsed = EventParser.Parse(JsonSerializer.SerializeToElement(cloudEvent), errors)
            ?? throw new InvalidOperationException("Invalid benchmark event: " + JsonSerializer.Serialize(errors.ToDictionary()));
        return await Ingestor.IngestAsync(parsed, cancellationToken);
    }

    public ValueTask DisposeAsync() => _services.DisposeAsync();
}
