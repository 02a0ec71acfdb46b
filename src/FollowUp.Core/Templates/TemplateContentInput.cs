namespace FollowUp.Templates;

public sealed record TemplateContentInput(string? Subject, string? Html, string? Text);
