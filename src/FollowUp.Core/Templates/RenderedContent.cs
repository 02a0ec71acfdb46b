namespace FollowUp.Templates;

public sealed record RenderedContent(string Locale, string Subject, string Html, string Text);
