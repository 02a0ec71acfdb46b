namespace FollowUp.Templates;

/// <summary>Something that saves but is probably a mistake, where it is (1-based), and what was likely meant.</summary>
public sealed record LintWarning(string Field, int Line, int Column, string Message)
{
    /// <summary>The nearest known name, when one is near.</summary>
    public string? Suggestion { get; init; }
}
