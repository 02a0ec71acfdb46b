namespace FollowUp.Templates;

/// <summary>The body of <c>PUT /api/templates/{id}</c>.</summary>
public sealed record TemplateInput
{
    public string? Description { get; init; }

    public TemplateSyntax? Syntax { get; init; }

    public IReadOnlyDictionary<string, TemplateContentInput?>? Locales { get; init; }
}
