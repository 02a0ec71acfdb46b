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

        if (input.Category is { } category && !Enum.IsDefined(category))
        {
            errors.Add("category", "must be one of service, feedback, marketing");
        }

        if (input.Phase is { } phase && !Enum.IsDefined(phase))
        {
            errors.Add("phase", "must be one of purchase, waiting, use, repeat, lostSale");
        }

        if (input.Alerts is { } alerts)
        {
            if (alerts.To is not null && (alerts.To.Length > 254 || !Formats.IsEmail(alerts.To)))
            {
                errors.Add("alerts.to", "must be an email address");
            }

            var answers = alerts.Answers ?? [];
            if (answers.Count > MaxAlertAnswers)
            {
                errors.Add("alerts.answers", $"must name at most {MaxAlertAnswers} answers");
            }
            else
            {
                for (var i = 0; i < answers.Count; i++)
                {
                    if (answers[i] is not { } answer || !Links.LinkSigner.IsValidAnswer(answer))
                    {
                        errors.Add($"alerts.answers[{i}]", "must be an answer as a link carries it: 1-64 letters, digits, '-', '_', '.' or ':'");
                    }
                }
            }
        }

        var window = input.SendWindow is { } sendWindow ? ValidateWindow(sendWindow, errors) : null;
        var expiresAfter = PositiveDuration(input.ExpiresAfter, "expiresAfter", errors);
        if (!FrequencyCap.TryParse(input.FrequencyCap, out _, out var capError))
        {
            errors.Add("frequencyCap", capError!);
        }

        var reminders = ValidateReminders(input.Reminders ?? [], errors);
        if (input.Priority is < -100 or > 100)
        {
            errors.Add("priority", "must be from -100 to 100");
        }

        var maxEventAge = PositiveDuration(input.MaxEventAge, "maxEventAge", errors);

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
                Category = input.Category ?? MessageCategory.Feedback,
                Phase = input.Phase,
                Alerts = input.Alerts is { } given ? new RuleAlerts { To = given.To, Answers = given.Answers is { Count: > 0 } list ? [.. list.Distinct(StringComparer.Ordinal)] : null } : null,
                SendWindow = window,
                ExpiresAfter = expiresAfter,
                FrequencyCap = string.IsNullOrWhiteSpace(input.FrequencyCap) ? null : input.FrequencyCap.Trim(),
                Priority = input.Priority ?? 0,
                Reminders = reminders,
                MaxEventAge = maxEventAge,
            }
            : null;
    }

    /// <summary>The window normalized (days in week order, each once), or null with errors named by field.</summary>
    private static RuleSendWindow? ValidateWindow(RuleSendWindow window, FieldErrors errors)
    {
        var days = window.Days ?? RuleSendWindow.DayNames;
        var valid = true;
        if (window.Days is not null && days.Count is 0 or > 7)
        {
            errors.Add("sendWindow.days", $"must name between 1 and 7 days of {string.Join(", ", RuleSendWindow.DayNames)}; leave it out for every day");
            valid = false;
        }
        else
        {
            for (var i = 0; i < days.Count; i++)
            {
                if (!RuleSendWindow.DayNames.Contains(days[i] ?? string.Empty, StringComparer.Ordinal))
                {
                    errors.Add($"sendWindow.days[{i}]", $"{Formats.Quote(days[i])} is not one of {string.Join(", ", RuleSendWindow.DayNames)}");
                    valid = false;
                }
            }
        }

        foreach (var (name, value) in new[] { ("from", window.From), ("to", window.To) })
        {
            if (value is null)
            {
                errors.Add("sendWindow." + name, "is required: a local time such as 09:00");
                valid = false;
            }
            else if (value.Length != 5 || !TimeOnly.TryParseExact(value, "HH:mm", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out _))
            {
                errors.Add("sendWindow." + name, $"{Formats.Quote(value)} is not a local time as HH:mm, such as 09:00 or 20:30");
                valid = false;
            }
        }

        if (valid && window.From == window.To)
        {
            errors.Add("sendWindow.to", "must differ from sendWindow.from; leave sendWindow out to send at any time of day");
            valid = false;
        }

        return valid
            ? window with { Days = RuleSendWindow.DayNames.Where(days.Contains).ToArray(), SkipHolidays = window.SkipHolidays ?? false }
            : null;
    }

    public const int MaxReminders = 3;

    public const int MaxAlertAnswers = 24;

    private static string[] ValidateReminders(IReadOnlyList<string> reminders, FieldErrors errors)
    {
        if (reminders.Count > MaxReminders)
        {
            errors.Add("reminders", $"must hold at most {MaxReminders} durations, not {reminders.Count}");
            return [];
        }

        var previous = TimeSpan.Zero;
        for (var i = 0; i < reminders.Count; i++)
        {
            if (!Iso8601Duration.TryParse(reminders[i], out var after, out var error))
            {
                errors.Add($"reminders[{i}]", error!);
            }
            else if (after < TimeSpan.FromHours(1))
            {
                errors.Add($"reminders[{i}]", $"{Formats.Quote(reminders[i])} is less than an hour after the first send");
            }
            else if (after <= previous)
            {
                errors.Add($"reminders[{i}]", $"{Formats.Quote(reminders[i])} must be later than the reminder before it");
            }
            else
            {
                previous = after;
            }
        }

        return [.. reminders];
    }

    private static string? PositiveDuration(string? text, string field, FieldErrors errors)
    {
        if (text is null)
        {
            return null;
        }

        if (!Iso8601Duration.TryParse(text, out var duration, out var error))
        {
            errors.Add(field, error!);
            return null;
        }

        if (duration < TimeSpan.FromMinutes(1))
        {
            errors.Add(field, $"{Formats.Quote(text)} is shorter than a minute; messages are timed to the minute");
            return null;
        }

        return text;
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
