namespace FollowUp.Templates;

public sealed record RenderedContent(string Locale, string Subject, string Html, string Text)
{
    /// <summary>The answers the message's links offer, in the order the template first wrote them.</summary>
    public IReadOnlyList<AnswerChoice> Choices { get; init; } = [];

    /// <summary>In a preview: names the template uses that the template model does not have, with the nearest known name.</summary>
    public IReadOnlyList<LintWarning>? Warnings { get; init; }
}
