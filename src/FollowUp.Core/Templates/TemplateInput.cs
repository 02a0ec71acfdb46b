namespace FollowUp.Templates;

/// <summary>The body of <c>PUT /api/templates/{id}</c>.</summary>
public sealed record TemplateInput
{
    /// <summary>Read-only, as GET answers it: may be sent back unchanged, and must then equal the id in the path.</summary>
    public string? Id { get; init; }

    /// <summary>Read-only (as GET answers it; ignored): the version to replace goes in <c>If-Match</c>.</summary>
    public int? Version { get; init; }

    /// <summary>Read-only (as GET answers it; ignored).</summary>
    public DateTimeOffset? UpdatedAt { get; init; }

    /// <summary>Read-only (as GET answers it; ignored).</summary>
    public string? UpdatedBy { get; init; }

    /// <summary>Read-only (as GET answers it; ignored).</summary>
    public int? RestoredFrom { get; init; }

    public string? Description { get; init; }

    public TemplateSyntax? Syntax { get; init; }

    /// <summary><c>message</c> (the default), <c>layout</c> or <c>partial</c>.</summary>
    public TemplateKind? Kind { get; init; }

    /// <summary>For a message: the id of the layout it sits in.</summary>
    public string? Layout { get; init; }

    public IReadOnlyDictionary<string, TemplateContentInput?>? Locales { get; init; }

    /// <summary>The input that saves <paramref name="template"/> again as it is (a restore checks it as a save would).</summary>
    public static TemplateInput From(MessageTemplate template)
    {
        ArgumentNullException.ThrowIfNull(template);
        return new TemplateInput
        {
            Description = template.Description,
            Syntax = template.Syntax,
            Kind = template.Kind,
            Layout = template.Layout,
            Locales = template.Locales.ToDictionary(pair => pair.Key, pair => (TemplateContentInput?)new TemplateContentInput(pair.Value.Subject, pair.Value.Html, pair.Value.Text), StringComparer.OrdinalIgnoreCase),
        };
    }
}
