using Azure;
using Azure.Data.Tables;
using FollowUp.Rules;
using FollowUp.Storage;
using FollowUp.Templates;
using Microsoft.Extensions.Logging;

namespace FollowUp.Defaults;

/// <summary>
/// Seeds the default rules and templates once per installation. A marker row remembers what was seeded, so a rule
/// that sales ops deleted stays deleted across restarts. Defaults added later come with a marker of their own: an
/// installation seeded before gets them once, at its next start, and nothing it deleted comes back.
/// </summary>
public sealed partial class DefaultContentSeeder(FollowUpTables tables, RuleBook rules, TemplateLibrary templates, TimeProvider time, ILogger<DefaultContentSeeder> logger)
{
    private const string MarkerPartition = "seed";

    /// <summary>What the versions of the defaults record as their author.</summary>
    public const string SeededBy = "defaults";

    /// <summary>Each marker and the ids of the rules and templates it seeds, oldest first. Add, never change.</summary>
    private static readonly (string Marker, string[] Ids)[] Seeds =
    [
        ("defaults-v1", ["thank-you", "review-request", "loyalty-reward", "lost-sale-survey"]),
        ("defaults-v2", ["while-you-wait"]),
        ("defaults-v3", ["nps-question"]),
        ("defaults-v4", [DefaultTemplates.LayoutId]),
    ];

    public async Task SeedAsync(CancellationToken cancellationToken = default)
    {
        foreach (var (marker, ids) in Seeds)
        {
            if ((await tables.Rules.GetEntityIfExistsAsync<TableEntity>(MarkerPartition, marker, cancellationToken: cancellationToken).ConfigureAwait(false)).HasValue)
            {
                continue;
            }

            // A message's layout goes first, so that no message is ever stored without the layout it sits in.
            var seededTemplates = DefaultTemplates.All.Where(t => ids.Contains(t.Id) || DefaultTemplates.All.Any(m => ids.Contains(m.Id) && m.Layout == t.Id))
                .OrderBy(t => t.Kind == TemplateKind.Layout ? 0 : 1)
                .ToList();
            foreach (var template in seededTemplates)
            {
                if (!await templates.ExistsAsync(template.Id, cancellationToken).ConfigureAwait(false))
                {
                    await IgnoreConflictAsync(() => templates.SaveAsync(template with { UpdatedBy = SeededBy }, expectedVersion: 0, cancellationToken: cancellationToken)).ConfigureAwait(false);
                }
            }

            var seededRules = DefaultRules.All.Where(r => ids.Contains(r.Id)).ToList();
            foreach (var rule in seededRules)
            {
                if (await rules.GetAsync(rule.Id, cancellationToken).ConfigureAwait(false) is null)
                {
                    await IgnoreConflictAsync(() => rules.SaveAsync(rule with { UpdatedBy = SeededBy }, expectedVersion: 0, cancellationToken: cancellationToken)).ConfigureAwait(false);
                }
            }

            await IgnoreConflictAsync(() => tables.Rules.AddEntityAsync(new TableEntity(MarkerPartition, marker) { ["SeededAt"] = time.GetUtcNow() }, cancellationToken)).ConfigureAwait(false);
            LogSeeded(logger, seededRules.Count, seededTemplates.Count, marker);
        }
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

    [LoggerMessage(Level = LogLevel.Information, Message = "Seeded {Rules} default rules and {Templates} default templates ({Marker})")]
    private static partial void LogSeeded(ILogger logger, int rules, int templates, string marker);
}
