using Azure.Core;
using Azure.Data.Tables;
using Azure.Identity;
using FollowUp.Customers;
using FollowUp.Defaults;
using FollowUp.Dispatch;
using FollowUp.Events;
using FollowUp.Links;
using FollowUp.Messages;
using FollowUp.Rules;
using FollowUp.Sending;
using FollowUp.Storage;
using FollowUp.Templates;
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
        services.AddOptions<DispatchOptions>().BindConfiguration(DispatchOptions.SectionName);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<FollowUpOptions>, FollowUpOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<StorageOptions>, FollowUpOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SendGridOptions>, FollowUpOptionsValidator>());

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(provider => CreateTableService(provider.GetRequiredService<IOptions<StorageOptions>>().Value));
        services.TryAddSingleton(provider => new FollowUpTables(
            provider.GetRequiredService<TableServiceClient>(),
            provider.GetRequiredService<IOptions<StorageOptions>>().Value.TablePrefix));

        services.TryAddSingleton<CustomerHistory>();
        services.TryAddSingleton<RuleBook>();
        services.TryAddSingleton<TemplateLibrary>();
        services.TryAddSingleton<TemplateRenderer>();
        services.TryAddSingleton<LinkSigner>();
        services.TryAddSingleton<CouponCodes>();
        services.TryAddSingleton<DispatchSignal>();
        services.TryAddSingleton<MessageScheduler>();
        services.TryAddSingleton<MessageLedger>();
        services.TryAddSingleton<SubjectSnapshots>();
        services.TryAddSingleton<EventIngestor>();
        services.TryAddSingleton<MessageDispatcher>();
        services.TryAddSingleton<CustomerResponses>();
        services.TryAddSingleton<DefaultContentSeeder>();

        services.AddHttpClient<SendGridMailSender>((provider, client) =>
            client.Timeout = TimeSpan.FromSeconds(provider.GetRequiredService<IOptions<SendGridOptions>>().Value.TimeoutSeconds));
        services.TryAddSingleton<OutboxMailSender>();
        services.TryAddSingleton<IMailSender>(provider => provider.GetRequiredService<IOptions<SendGridOptions>>().Value.IsConfigured
            ? provider.GetRequiredService<SendGridMailSender>()
            : provider.GetRequiredService<OutboxMailSender>());

        services.AddHostedService<FollowUpInitializer>();
        return services;
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
