namespace FollowUp.Templates;

public sealed record RenderedContent(string Locale, string Subject, string Html, string Text)
{
    /// <summary>The answers the message's links offer, in the order the template first wrote them.</summary>
    public IReadOnlyList<AnswerChoice> Choices { get; init; } = [];
}
