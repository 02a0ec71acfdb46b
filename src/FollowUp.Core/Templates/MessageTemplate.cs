namespace FollowUp.Templates;

public sealed record MessageTemplate
{
    public required string Id { get; init; }

    public string? Description { get; init; }

    public TemplateSyntax Syntax { get; init; } = TemplateSyntax.Scriban;

    /// <summary>A message (the default), a layout or a partial.</summary>
    public TemplateKind Kind { get; init; } = TemplateKind.Message;

    /// <summary>For a message: the layout it sits in, whose <c>{{ content }}</c> is where the message's HTML and text go.</summary>
    public string? Layout { get; init; }

    /// <summary>Content per BCP 47 tag (<c>en</c>, <c>nb</c>, <c>nb-NO</c>, ...); <c>en</c> is required as the last fallback.</summary>
    public required IReadOnlyDictionary<string, TemplateContent> Locales { get; init; }

    public int Version { get; init; }

    public DateTimeOffset? UpdatedAt { get; init; }

    /// <summary>Who saved this version: the name of the API key used (<c>unknown</c> when the key has no name).</summary>
    public string? UpdatedBy { get; init; }

    /// <summary>The version this one restored, when it was made by a restore.</summary>
    public int? RestoredFrom { get; init; }

    /// <summary>In the answer to a save only (never stored): names the template uses that the template model does not have, with the nearest known name.</summary>
    public IReadOnlyList<LintWarning>? Warnings { get; init; }
}
