namespace FollowUp.Templates;

/// <summary>One locale of a template: Scriban (or Liquid) text for the subject, the HTML body and the plain-text body.</summary>
public sealed record TemplateContent(string Subject, string Html, string Text);
