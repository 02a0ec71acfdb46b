using FollowUp.Templates;
using FollowUp.Validation;

namespace FollowUp.Rules;

/// <summary>
/// Everything a rule or a template is checked for before it is saved: its own fields, and the checks that look at
/// both (a feedback or marketing rule's template must let its reader unsubscribe). The API and the command-line tool
/// both call these, so a folder the tool validates offline is one the API accepts.
/// </summary>
public static class SaveChecks
{
    /// <summary>The rule as it would be saved, or null with the errors named by field.</summary>
    /// <param name="id">The rule's id.</param>
    /// <param name="input">The rule as written.</param>
    /// <param name="template">The template its <c>templateId</c> names, as it is stored; null when there is none.</param>
    /// <param name="limits">The condition's time budget for its run against a sample event.</param>
    /// <param name="errors">Where the errors go.</param>
    public static Rule? CheckRule(string id, RuleInput input, MessageTemplate? template, ScriptLimits limits, FieldErrors errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var rule = RuleValidator.Validate(id, input, _ => template is not null, limits, errors);
        if (rule is not null && template is not null && NeedsUnsubscribeLink(rule) && UnsubscribeLinks.MissingIn(template) is { Count: > 0 } missing)
        {
            errors.Add("templateId", $"template '{template.Id}' has no unsubscribe link ({{{{ unsubscribe_url }}}}) in {string.Join(", ", missing)}: a {CategoryName(rule)} message must let its reader unsubscribe");
            return null;
        }

        return rule;
    }

    /// <summary>The template as it would be saved, or null with the errors named by field.</summary>
    /// <param name="id">The template's id.</param>
    /// <param name="input">The template as written.</param>
    /// <param name="rules">The rules as they are stored: the ones that send it decide what it must contain.</param>
    /// <param name="errors">Where the errors go.</param>
    public static MessageTemplate? CheckTemplate(string id, TemplateInput input, IEnumerable<Rule> rules, FieldErrors errors)
    {
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(errors);
        var template = TemplateValidator.Validate(id, input, errors);
        if (template is null || UnsubscribeLinks.MissingIn(template) is not { Count: > 0 } missing)
        {
            return template;
        }

        var needing = rules
            .Where(rule => rule.TemplateId == template.Id && NeedsUnsubscribeLink(rule))
            .OrderBy(rule => rule.Id, StringComparer.Ordinal)
            .ToList();
        if (needing.Count == 0)
        {
            return template;
        }

        var who = string.Join(", ", needing.Select(rule => $"{rule.Id} ({CategoryName(rule)})"));
        foreach (var part in missing)
        {
            errors.Add($"locales.{part}", $"has no unsubscribe link ({{{{ unsubscribe_url }}}}), which rule {who} must give its readers");
        }

        return null;
    }

    /// <summary>Whether the rule's messages must let their reader unsubscribe: enabled feedback and marketing ones.</summary>
    public static bool NeedsUnsubscribeLink(Rule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        return rule.Enabled && rule.Category != MessageCategory.Service;
    }

    private static string CategoryName(Rule rule) => rule.Category.ToString().ToLowerInvariant();
}
