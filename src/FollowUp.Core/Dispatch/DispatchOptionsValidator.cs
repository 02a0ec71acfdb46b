using FollowUp.Sending;
using FollowUp.Templates;
using Microsoft.Extensions.Options;

namespace FollowUp.Dispatch;

/// <summary>Refuses dispatcher settings that would stall or flood sending, naming the setting, at start-up.</summary>
internal sealed class DispatchOptionsValidator(IOptions<SendGridOptions> sendGrid, IOptions<ScriptLimits> limits) : IValidateOptions<DispatchOptions>
{
    public ValidateOptionsResult Validate(string? name, DispatchOptions options)
    {
        var failures = new List<string>();
        void Check(bool ok, string setting, string rule)
        {
            if (!ok)
            {
                failures.Add($"{DispatchOptions.SectionName}:{setting} {rule}.");
            }
        }

        Check(options.BatchSize is >= 1 and <= 100, nameof(options.BatchSize), "must be from 1 to 100 (one entity-group transaction holds at most 100 rows)");
        Check(options.Parallelism is >= 1 and <= 64, nameof(options.Parallelism), "must be from 1 to 64");
        Check(options.MaxAttempts is >= 1 and <= 50, nameof(options.MaxAttempts), "must be from 1 to 50");
        Check(options.ClaimDuration >= TimeSpan.FromSeconds(1) && options.ClaimDuration <= TimeSpan.FromHours(1), nameof(options.ClaimDuration), "must be from 1 second to 1 hour, and longer than a send takes");
        // A claim that can expire while its send is still running lets a second dispatcher send the same mail.
        var longestAttempt = TimeSpan.FromSeconds(sendGrid.Value.IsConfigured ? sendGrid.Value.TimeoutSeconds : 0) + limits.Value.RenderBudget;
        Check(options.ClaimDuration > longestAttempt, nameof(options.ClaimDuration), $"must be longer than the longest attempt can take ({longestAttempt.TotalSeconds:0} s: {SendGridOptions.SectionName}:TimeoutSeconds plus {ScriptLimits.SectionName}:RenderBudget)");
        Check(options.RetryBaseDelay > TimeSpan.Zero, nameof(options.RetryBaseDelay), "must be positive");
        Check(options.MaxRetryDelay >= options.RetryBaseDelay && options.MaxRetryDelay <= TimeSpan.FromDays(1), nameof(options.MaxRetryDelay), "must be at least RetryBaseDelay and at most one day");
        Check(options.IdleInterval > TimeSpan.Zero && options.IdleInterval <= TimeSpan.FromHours(1), nameof(options.IdleInterval), "must be positive and at most one hour");
        Check(options.HandOutLease >= TimeSpan.FromSeconds(5) && options.HandOutLease <= TimeSpan.FromHours(1), nameof(options.HandOutLease), "must be from 5 seconds to 1 hour");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
