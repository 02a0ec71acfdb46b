using FollowUp.Defaults;
using FollowUp.Sending;
using FollowUp.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace FollowUp;

/// <summary>At start-up: creates the tables, seeds the defaults on first start, and says where messages will go.</summary>
internal sealed partial class FollowUpInitializer(FollowUpTables tables, DefaultContentSeeder seeder, IMailSender sender, ILogger<FollowUpInitializer> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await tables.CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);
        await seeder.SeedAsync(cancellationToken).ConfigureAwait(false);
        LogSender(logger, sender.Description);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Mail: {Description}")]
    private static partial void LogSender(ILogger logger, string description);
}
