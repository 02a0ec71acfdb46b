using Azure;
using Azure.Data.Tables;
using FollowUp.Rules;
using FollowUp.Storage;
using FollowUp.Templates;
using Microsoft.Extensions.Logging;

namespace FollowUp.Defaults;

/// <summary>
/// Seeds the default rules and templates once per installation. A marker row remembers that it happened, so a rule
/// that sales ops deleted stays deleted across restarts.
/// </summary>
public sealed partial class DefaultContentSeeder(FollowUpTables tables, RuleBook rules, TemplateLibrary templates, TimeProvider time, ILogger<DefaultContentSeeder> logger)
{
    private const string MarkerPartition = "seed";
    private const string MarkerRow = "defaults-v1";

    public async Task SeedAsync(CancellationToken cancellationToken = default)
    {
        if ((await tables.Rules.GetEntityIfExistsAsync<TableEntity>(MarkerPartition, MarkerRow, cancellationToken: cancellationToken).ConfigureAwait(false)).HasValue)
        {
            return;
        }

        foreach (var template in DefaultTemplates.All)
        {
            if (!await templates.ExistsAsync(template.Id, cancellationToken).ConfigureAwait(false))
            {
                await IgnoreConflictAsync(() => templates.SaveAsync(template, expectedVersion: 0, cancellationToken: cancellationToken)).ConfigureAwait(false);
            }
        }

        foreach (var rule in DefaultRules.All)
        {
            if (await rules.GetAsync(rule.Id, cancellationToken).ConfigureAwait(false) is null)
            {
                await IgnoreConflictAsync(() => rules.SaveAsync(rule, expectedVersion: 0, cancellationToken: cancellationToken)).ConfigureAwait(false);
            }
        }

        await IgnoreConflictAsync(() => tables.Rules.AddEntityAsync(new TableEntity(MarkerPartition, MarkerRow) { ["SeededAt"] = time.GetUtcNow() }, cancellationToken)).ConfigureAwait(false);
        LogSeeded(logger, DefaultRules.All.Count, DefaultTemplates.All.Count);
    }

    // Two instances starting together may both seed; whichever writes second simply finds the work done.
    private static async Task IgnoreConflictAsync<T>(Func<Task<T>> write)
    {
        try
        {
            await write().ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (ex.Status is 409 or 412)
        {
        }
        catch (EditConflictException)
        {
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Seeded {Rules} default rules and {Templates} default templates")]
    private static partial void LogSeeded(ILogger logger, int rules, int templates);
}
