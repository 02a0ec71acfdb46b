using Azure.Core;
using Azure.Data.Tables;
using Azure.Identity;
using FollowUp.Customers;
using FollowUp.Defaults;
using FollowUp.Dispatch;
using FollowUp.Health;
using FollowUp.Ingest;
using FollowUp.Responses;
using FollowUp.Links;
using FollowUp.Messages;
using FollowUp.OpenApi;
using FollowUp.Rules;
using FollowUp.Sending;
using FollowUp.Storage;
using FollowUp.Telemetry;
using FollowUp.Templates;
using Azure.Monitor.OpenTelemetry.Exporter;
using OpenTelemetry;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace FollowUp;

public static class FollowUpServiceCollectionExtensions
{
    /// <summary>Everything both hosts share: options (validated at start-up), storage, the pipeline and the mail sender.</summary>
    public static IServiceCollection AddFollowUp(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<FollowUpOptions>().BindConfiguration(FollowUpOptions.SectionName).ValidateOnStart();
        services.AddOptions<StorageOptions>().BindConfiguration(StorageOptions.SectionName).ValidateOnStart();
        services.AddOptions<SendGridOptions>().BindConfiguration(SendGridOptions.SectionName).ValidateOnStart();
        services.AddOptions<DispatchOptions>().BindConfiguration(DispatchOptions.SectionName).ValidateOnStart();
        services.AddOptions<ScriptLimits>().BindConfiguration(ScriptLimits.SectionName).ValidateOnStart();
        services.AddOptions<CapOptions>().BindConfiguration(CapOptions.SectionName).ValidateOnStart();
        services.AddOptions<Webhooks.WebhookOptions>().BindConfiguration(Webhooks.WebhookOptions.SectionName).ValidateOnStart();
        services.AddOptions<Alerts.AlertOptions>().BindConfiguration(Alerts.AlertOptions.SectionName).ValidateOnStart();
        services.AddOptions<Http.PageOptions>().BindConfiguration(Http.PageOptions.SectionName).ValidateOnStart();
        services.AddOptions<ReplayOptions>().BindConfiguration(ReplayOptions.SectionName).ValidateOnStart();
        services.AddOptions<Http.AuthOptions>().BindConfiguration(Http.AuthOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<Http.AuthOptions>, FollowUpOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ReplayOptions>, FollowUpOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<Http.PageOptions>, FollowUpOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<CapOptions>, FollowUpOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<DispatchOptions>, DispatchOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ScriptLimits>, FollowUpOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<FollowUpOptions>, FollowUpOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<StorageOptions>, FollowUpOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SendGridOptions>, FollowUpOptionsValidator>());

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(provider => CreateTableService(provider.GetRequiredService<IOptions<StorageOptions>>().Value));
        services.TryAddSingleton(provider => new FollowUpTables(
            provider.GetRequiredService<TableServiceClient>(),
            provider.GetRequiredService<IOptions<StorageOptions>>().Value.TablePrefix));

        services.TryAddSingleton<Http.EntraSignIn>();
        services.TryAddSingleton<Http.ApiGate>();
        services.TryAddSingleton<RuleBook>();
        services.TryAddSingleton<TemplateLibrary>();
        services.TryAddSingleton<TemplateRenderer>();
        services.TryAddSingleton<LinkSigner>();
        services.TryAddSingleton<CouponCodes>();
        services.TryAddSingleton<DispatchSignal>();
        services.TryAddSingleton<CustomerRecords>();
        services.TryAddSingleton<MessageLife>();
        services.TryAddSingleton<Suppressions>();
        services.TryAddSingleton<SendTiming>();
        services.TryAddSingleton<MessageScheduler>();
        services.TryAddSingleton<MessageLedger>();
        services.TryAddSingleton<EventIngestor>();
        services.TryAddSingleton<MessageDispatcher>();
        services.TryAddSingleton<Reports.ReportCounters>();
        services.TryAddSingleton<Feed.ChangeFeed>();
        services.TryAddSingleton<Webhooks.WebhookSubscriptions>();
        services.TryAddSingleton<Webhooks.WebhookOutbox>();
        services.TryAddSingleton<Webhooks.WebhookSender>();
        services.TryAddSingleton<Alerts.AlertOutbox>();
        services.TryAddSingleton<Alerts.AlertSender>();
        services.TryAddSingleton<Privacy.CustomerErasure>();
        services.TryAddSingleton<Replay.EventReplay>();
        services.AddHttpClient(Webhooks.WebhookSender.ClientName, (provider, client) => client.Timeout = provider.GetRequiredService<IOptions<Webhooks.WebhookOptions>>().Value.Timeout)
            .ConfigurePrimaryHttpMessageHandler(provider => new SocketsHttpHandler
            {
                // A receiver does not get to send the request elsewhere, nor (unless allowed) into a private network.
                AllowAutoRedirect = false,

                // Through a proxy, the connect-time guard would see the proxy's address, not the receiver's.
                UseProxy = false,
                ConnectCallback = provider.GetRequiredService<IOptions<Webhooks.WebhookOptions>>().Value.AllowPrivateNetworks ? null : Webhooks.NetworkGuard.ConnectPublicAsync,
                PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            });
        services.TryAddSingleton<Reports.ReportReader>();
        services.TryAddSingleton<CustomerResponses>();
        services.TryAddSingleton<ProviderEvents>();
        services.TryAddSingleton<DefaultContentSeeder>();
        services.TryAddSingleton<Http.TestSendLimiter>();

        services.AddHttpClient<SendGridMailSender>((provider, client) =>
            client.Timeout = TimeSpan.FromSeconds(provider.GetRequiredService<IOptions<SendGridOptions>>().Value.TimeoutSeconds));
        services.TryAddSingleton<OutboxMailSender>();
        services.TryAddSingleton<IMailSender>(provider => provider.GetRequiredService<IOptions<SendGridOptions>>().Value.IsConfigured
            ? provider.GetRequiredService<SendGridMailSender>()
            : provider.GetRequiredService<OutboxMailSender>());

        services.AddHostedService<FollowUpInitializer>();
        FollowUpHealth.AddChecks(services);
        services.TryAddSingleton<FollowUpHealth>();
        services.TryAddSingleton<ApiDescription>();
        AddTelemetry(services);
        return services;
    }

    /// <summary>
    /// Traces, metrics and logs through OpenTelemetry; exported to Application Insights when
    /// <c>APPLICATIONINSIGHTS_CONNECTION_STRING</c> is set, authenticating with the managed identity named in
    /// <c>APPLICATIONINSIGHTS_AUTHENTICATION_STRING</c> (<c>ClientId=...;Authorization=AAD</c>) because local auth is off.
    /// </summary>
    private static void AddTelemetry(IServiceCollection services)
    {
        var telemetry = services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("followup"))
            .WithTracing(tracing => tracing.AddSource(FollowUpTelemetry.Name))
            .WithMetrics(metrics => metrics.AddMeter(FollowUpTelemetry.Name))
            .WithLogging();
        if (!string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable("APPLICATIONINSIGHTS_CONNECTION_STRING")))
        {
            var clientId = (Environment.GetEnvironmentVariable("APPLICATIONINSIGHTS_AUTHENTICATION_STRING") ?? string.Empty)
                .Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(part => part.Split('=', 2))
                .FirstOrDefault(pair => pair.Length == 2 && pair[0].Equals("ClientId", StringComparison.OrdinalIgnoreCase))?[1];
            telemetry.UseAzureMonitorExporter(options => options.Credential = clientId is null
                ? new DefaultAzureCredential()
                : new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId)));
        }
    }

    private static TableServiceClient CreateTableService(StorageOptions options)
    {
        if (!string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            return new TableServiceClient(options.ConnectionString);
        }

        TokenCredential credential = string.IsNullOrWhiteSpace(options.ManagedIdentityClientId)
            ? new DefaultAzureCredential()
            : new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(options.ManagedIdentityClientId));
        return new TableServiceClient(new Uri(options.TableServiceUri!), credential);
    }
}
