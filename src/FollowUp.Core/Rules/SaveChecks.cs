using FollowUp.Templates;
using FollowUp.Validation;

namespace FollowUp.Rules;

/// <summary>
/// Everything a rule or a template is checked for before it is saved: its own fields, the pieces a template uses (its
/// layout and partials), and the checks that look at both (a feedback or marketing rule's message must let its reader
/// unsubscribe, through its own text or its layout's or partials'). The API and the command-line tool both call these,
/// so a folder the tool validates offline is one the API accepts. Names the model lacks come back as warnings.
/// </summary>
public static class SaveChecks
{
    /// <summary>The rule as it would be saved (with its condition's warnings), or null with the errors named by field.</summary>
    /// <param name="id">The rule's id.</param>
    /// <param name="input">The rule as written.</param>
    /// <param name="templates">The templates as they are stored, by id: the one it sends, and that one's layout and partials.</param>
    /// <param name="limits">The condition's time budget for its run against a sample event.</param>
    /// <param name="errors">Where the errors go.</param>
    public static Rule? CheckRule(string id, RuleInput input, Func<string, MessageTemplate?> templates, ScriptLimits limits, FieldErrors errors)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(templates);
        ArgumentNullException.ThrowIfNull(errors);
        var template = input.TemplateId is { } templateId && Ids.IsValid(templateId) ? templates(templateId) : null;
        var rule = RuleValidator.Validate(id, input, _ => template is not null, limits, errors);
        if (!SameId(input.Id, id, "rule", errors))
        {
            return null;
        }

        if (rule is null || template is null)
        {
            return null;
        }

        if (template.Kind != TemplateKind.Message)
        {
            errors.Add("templateId", $"'{template.Id}' is a {KindName(template)}, not a message a rule can send");
            return null;
        }

        if (NeedsUnsubscribeLink(rule) && UnsubscribeLinks.MissingIn(template, TemplateIncludes.Resolve(template, templates).Pieces) is { Count: > 0 } missing)
        {
            errors.Add("templateId", $"template '{template.Id}' has no unsubscribe link ({{{{ unsubscribe_url }}}}) in {string.Join(", ", missing)}: a {CategoryName(rule)} message must let its reader unsubscribe");
            return null;
        }

        return rule with { Warnings = TemplateLint.Check(rule.Condition, TemplateSyntax.Scriban, "condition", condition: true) is { Count: > 0 } warnings ? warnings : null };
    }

    /// <summary>The template as it would be saved (with its warnings), or null with the errors named by field.</summary>
    /// <param name="id">The template's id.</param>
    /// <param name="input">The template as written.</param>
    /// <param name="rules">The rules as they are stored: the ones that send it, or a message it is part of, decide what it must contain.</param>
    /// <param name="templates">The other templates as they are stored: its layout and partials, and the messages that use it.</param>
    /// <param name="errors">Where the errors go.</param>
    public static MessageTemplate? CheckTemplate(string id, TemplateInput input, IEnumerable<Rule> rules, IEnumerable<MessageTemplate> templates, FieldErrors errors)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(templates);
        ArgumentNullException.ThrowIfNull(errors);
        var template = TemplateValidator.Validate(id, input, errors);
        if (!SameId(input.Id, id, "template", errors))
        {
            return null;
        }

        if (template is null)
        {
            return null;
        }

        // Everything as it would be after the save: this template in its new form, the others as stored.
        var all = templates.Where(t => t.Id != id).Append(template).ToDictionary(t => t.Id, StringComparer.Ordinal);
        var (_, problem) = TemplateIncludes.Resolve(template, all.GetValueOrDefault);
        if (problem is not null)
        {
            errors.Add(TemplateIncludes.FieldOf(problem), problem);
            return null;
        }

        // A rule's message stays a message: a layout or partial has no subject of its own and cannot be sent.
        var rulesList = rules.ToList();
        if (template.Kind != TemplateKind.Message && rulesList.Where(rule => rule.TemplateId == id).Select(rule => rule.Id).Order(StringComparer.Ordinal).ToList() is { Count: > 0 } senders)
        {
            errors.Add("kind", $"rule {string.Join(", ", senders)} sends '{id}', so it must stay a message (a rule cannot send a {KindName(template)})");
            return null;
        }

        // Every template that used it as it was must still render as it is now: a partial that changes kind, or nests
        // a message's partials too deep, would break them.
        var before = templates.ToDictionary(t => t.Id, StringComparer.Ordinal);
        var field = before.TryGetValue(id, out var old) && old.Kind != template.Kind ? "kind" : "locales";
        var breaks = false;
        foreach (var user in all.Values.Where(t => t.Id != id).OrderBy(t => t.Id, StringComparer.Ordinal))
        {
            if (TemplateIncludes.Resolve(user, before.GetValueOrDefault) is var (was, wasProblem) && wasProblem is null && was.ContainsKey(id)
                && TemplateIncludes.Resolve(user, all.GetValueOrDefault).Problem is { } broken)
            {
                errors.Add(field, $"template '{user.Id}' uses '{id}' and would no longer render: {broken}");
                breaks = true;
            }
        }

        if (breaks)
        {
            return null;
        }

        var needing = rulesList.Where(NeedsUnsubscribeLink).OrderBy(rule => rule.Id, StringComparer.Ordinal).ToList();
        foreach (var message in all.Values.Where(t => t.Kind == TemplateKind.Message).OrderBy(t => t.Id, StringComparer.Ordinal))
        {
            var sending = needing.Where(rule => rule.TemplateId == message.Id).ToList();
            if (sending.Count == 0)
            {
                continue;
            }

            var (pieces, _) = TemplateIncludes.Resolve(message, all.GetValueOrDefault);
            if ((message.Id != id && !pieces.ContainsKey(id)) || UnsubscribeLinks.MissingIn(message, pieces) is not { Count: > 0 } missing)
            {
                continue;
            }

            var who = string.Join(", ", sending.Select(rule => $"{rule.Id} ({CategoryName(rule)})"));
            if (message.Id == id)
            {
                foreach (var part in missing)
                {
                    errors.Add($"locales.{part}", $"has no unsubscribe link ({{{{ unsubscribe_url }}}}), which rule {who} must give its readers");
                }
            }
            else
            {
                errors.Add("locales", $"template '{message.Id}' would have no unsubscribe link ({{{{ unsubscribe_url }}}}) in {string.Join(", ", missing)}, which rule {who} must give its readers");
            }

            template = null;
        }

        return template is null ? null : template with { Warnings = TemplateLint.Check(template) is { Count: > 0 } warnings ? warnings : null };
    }

    /// <summary>Whether the rule's messages must let their reader unsubscribe: enabled feedback and marketing ones.</summary>
    public static bool NeedsUnsubscribeLink(Rule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        return rule.Enabled && rule.Category != MessageCategory.Service;
    }

    /// <summary>A body may repeat the id a GET answered, but not name another: a rename is a create and a delete.</summary>
    private static bool SameId(string? named, string id, string what, FieldErrors errors)
    {
        if (named is null || named == id)
        {
            return true;
        }

        errors.Add("id", $"is {Formats.Quote(named, 64)} but the path names '{id}': a {what} is renamed by creating the new one and deleting the old");
        return false;
    }

    private static string CategoryName(Rule rule) => rule.Category.ToString().ToLowerInvariant();

    private static string KindName(MessageTemplate template) => template.Kind.ToString().ToLowerInvariant();
}
