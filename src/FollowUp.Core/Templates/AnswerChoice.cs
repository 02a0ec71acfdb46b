namespace FollowUp.Templates;

/// <summary>An answer a message offers, with the words its link showed when the template gave them.</summary>
public sealed record AnswerChoice(string Answer, string? Label = null);
