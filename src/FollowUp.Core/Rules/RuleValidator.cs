using FollowUp.Events;
using FollowUp.Templates;
using FollowUp.Validation;
using Scriban.Syntax;

namespace FollowUp.Rules;

/// <summary>Checks a rule before it is saved: every field, the condition's syntax (with line and column) and its run against a sample event.</summary>
public static class RuleValidator
{
    public static Rule? Validate(string id, RuleInput input, Func<string, bool> templateExists, ScriptLimits limits, FieldErrors errors)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(templateExists);
        ArgumentNullException.ThrowIfNull(limits);
        ArgumentNullException.ThrowIfNull(errors);
        if (!Ids.IsValid(id))
        {
            errors.Add("id", "must be " + Ids.Rule);
        }

        if (input.Description is { Length: > 500 })
        {
            errors.Add("description", "must be at most 500 characters");
        }

        if (string.IsNullOrWhiteSpace(input.Trigger))
        {
            errors.Add("trigger", "is required: one of " + string.Join(", ", EventTypes.All));
        }
        else if (!EventTypes.IsKnown(input.Trigger))
        {
            errors.Add("trigger", $"{Formats.Quote(input.Trigger)} is not one of {string.Join(", ", EventTypes.All)}");
        }

        if (!Iso8601Duration.TryParse(input.Delay, out _, out var delayError))
        {
            errors.Add("delay", delayError!);
        }

        if (string.IsNullOrWhiteSpace(input.TemplateId))
        {
            errors.Add("templateId", "is required");
        }
        else if (!templateExists(input.TemplateId))
        {
            errors.Add("templateId", $"template {Formats.Quote(input.TemplateId)} does not exist");
        }

        var cancelOn = input.CancelOn ?? [];
        if (cancelOn.Count > EventTypes.All.Count)
        {
            errors.Add("cancelOn", $"must hold at most {EventTypes.All.Count} event types (there are no more), not {cancelOn.Count}");
            cancelOn = [];
        }

        for (var i = 0; i < cancelOn.Count; i++)
        {
            if (!EventTypes.IsKnown(cancelOn[i] ?? string.Empty))
            {
                errors.Add($"cancelOn[{i}]", $"{Formats.Quote(cancelOn[i])} is not one of {string.Join(", ", EventTypes.All)}");
            }
            else if (input.Trigger is not null && EventTypes.IsKnown(input.Trigger) && EventTypes.SubjectOf(cancelOn[i]) != EventTypes.SubjectOf(input.Trigger))
            {
                errors.Add($"cancelOn[{i}]", $"{Formats.Quote(cancelOn[i])} is about a different kind of subject than the trigger '{input.Trigger}', so it could never cancel its messages");
            }
        }

        if (input.Coupon is { } coupon)
        {
            if (coupon.Prefix is null || coupon.Prefix.Length > 20 || !coupon.Prefix.All(c => char.IsAsciiLetterUpper(c) || char.IsAsciiDigit(c) || c == '-'))
            {
                errors.Add("coupon.prefix", "must be at most 20 capital letters, digits or '-'");
            }

            if (coupon.Length is < 6 or > 20)
            {
                errors.Add("coupon.length", "must be between 6 and 20");
            }
        }

        var condition = string.IsNullOrWhiteSpace(input.Condition) ? null : input.Condition.Trim();
        if (condition is not null)
        {
            ValidateCondition(condition, input.Trigger, limits, errors);
        }

        return errors.IsEmpty
            ? new Rule
            {
                Id = id,
                Description = input.Description,
                Trigger = input.Trigger!,
                Condition = condition,
                Delay = input.Delay!,
                TemplateId = input.TemplateId!,
                CancelOn = cancelOn.Distinct(StringComparer.Ordinal).ToArray(),
                Enabled = input.Enabled ?? true,
                Coupon = input.Coupon,
            }
            : null;
    }

    private static void ValidateCondition(string condition, string? trigger, ScriptLimits limits, FieldErrors errors)
    {
        if (condition.Length > 2000)
        {
            errors.Add("condition", "must be at most 2000 characters");
            return;
        }

        var compiled = RuleCondition.Compile(condition, out var error);
        if (compiled is null)
        {
            errors.Add("condition", error!);
            return;
        }

        try
        {
            var sample = SampleEvents.For(trigger is not null && EventTypes.IsKnown(trigger) ? trigger : EventTypes.OrderPlaced);
            compiled.IsMet(ScriptModel.FromJson(MessageModel.Create(sample.Event, sample.Customer, sample.Event.Time!.Value)), limits);
        }
        catch (ScriptRuntimeException ex)
        {
            errors.Add("condition", $"line {ex.Span.Start.Line + 1}, column {ex.Span.Start.Column + 1}: {ex.OriginalMessage} (when run against a sample event)");
        }
        catch (ScriptBudgetExceededException ex)
        {
            errors.Add("condition", $"{ex.Message} when run against a sample event; a condition must be quick, it runs for every event");
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException or FormatException or OverflowException or InvalidCastException)
        {
            errors.Add("condition", $"{ex.Message} (when run against a sample event)");
        }
    }
}
