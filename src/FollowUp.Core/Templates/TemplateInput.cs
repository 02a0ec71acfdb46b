namespace FollowUp.Templates;

/// <summary>The body of <c>PUT /api/templates/{id}</c>.</summary>
public sealed record TemplateInput
{
    public string? Description { get; init; }

    public TemplateSyntax? Syntax { get; init; }

    public IReadOnlyDictionary<string, TemplateContentInput?>? Locales { get; init; }

    /// <summary>The input that saves <paramref name="template"/> again as it is (a restore checks it as a save would).</summary>
    public static TemplateInput From(MessageTemplate template)
    {
        ArgumentNullException.ThrowIfNull(template);
        return new TemplateInput
        {
            Description = template.Description,
            Syntax = template.Syntax,
            Locales = template.Locales.ToDictionary(pair => pair.Key, pair => (TemplateContentInput?)new TemplateContentInput(pair.Value.Subject, pair.Value.Html, pair.Value.Text), StringComparer.OrdinalIgnoreCase),
        };
    }
}
