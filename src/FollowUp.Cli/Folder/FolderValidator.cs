using FollowUp.Rules;
using FollowUp.Templates;
using FollowUp.Validation;

namespace FollowUp.Cli.Folder;

/// <summary>
/// Checks a folder with the checks the API runs before it saves (Core's <see cref="SaveChecks"/>), against the folder
/// itself: a rule's template must be in the folder, and a template must suit the rules that send it.
/// </summary>
internal static class FolderValidator
{
    /// <param name="content">The folder as read.</param>
    /// <param name="limits">The time budgets the condition's trial run gets.</param>
    /// <param name="keptRules">Rules outside the folder that stay on the server (apply <c>--no-delete</c>): a template must suit them too.</param>
    public static ValidatedFolder Validate(FolderContent content, ScriptLimits limits, IReadOnlyCollection<Rule>? keptRules = null)
    {
        ArgumentNullException.ThrowIfNull(content);
        var problems = new List<FolderProblem>(content.Problems);

        // Each template on its own first: a rule's checks look at the template it sends.
        var drafts = new Dictionary<string, MessageTemplate>(StringComparer.Ordinal);
        foreach (var source in content.Templates)
        {
            if (source.Input is not null && TemplateValidator.Validate(source.Id, source.Input, new FieldErrors()) is { } draft)
            {
                drafts[source.Id] = draft;
            }
        }

        var rules = new Dictionary<string, Rule>(StringComparer.Ordinal);

        // What each rule sends, even one refused for its template alone, so that the template is told as well: the
        // API would refuse either one of them.
        var sending = new List<Rule>(keptRules ?? []);
        foreach (var source in content.Rules.Where(r => r.Input is not null))
        {
            var errors = new FieldErrors(int.MaxValue);
            var templateId = source.Input!.TemplateId ?? string.Empty;
            var template = drafts.GetValueOrDefault(templateId);
            var rule = SaveChecks.CheckRule(source.Id, source.Input, drafts.GetValueOrDefault, limits, errors);

            // A template that is in the folder but has problems of its own is not "missing": its problems say why.
            var brokenTemplate = template is null && content.Templates.Any(t => t.Id == templateId);
            problems.AddRange(Problems(errors, source.ProblemFor, skip: brokenTemplate ? "templateId" : null));
            if (rule is not null)
            {
                rules[rule.Id] = rule;
            }

            if ((rule ?? RuleValidator.Validate(source.Id, source.Input, _ => true, limits, new FieldErrors())) is { } sends)
            {
                sending.Add(sends);
            }
        }

        var templates = new Dictionary<string, MessageTemplate>(StringComparer.Ordinal);
        foreach (var source in content.Templates.Where(t => t.Input is not null))
        {
            var errors = new FieldErrors(int.MaxValue);
            if (SaveChecks.CheckTemplate(source.Id, source.Input!, sending, drafts.Values, errors) is { } template)
            {
                templates[template.Id] = template;
            }

            problems.AddRange(Problems(errors, source.ProblemFor, skip: null));
        }

        return new ValidatedFolder(content, rules, templates, problems);
    }

    private static IEnumerable<FolderProblem> Problems(FieldErrors errors, Func<string, string, FolderProblem> problemFor, string? skip) =>
        errors.ToDictionary()
            .Where(e => e.Key != skip)
            .SelectMany(e => e.Value.Select(reason => problemFor(e.Key, reason)));
}
