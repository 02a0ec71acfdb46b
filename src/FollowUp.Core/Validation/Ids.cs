namespace FollowUp.Validation;

/// <summary>Ids of rules and templates: lower-case slugs, safe in URLs and table keys.</summary>
public static class Ids
{
    public const string Rule = "1-64 lower-case letters, digits and '-', starting with a letter or digit";

    public static bool IsValid(string? id) =>
        id is { Length: > 0 and <= 64 }
        && char.IsAsciiLetterOrDigit(id[0])
        && id.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-');
}
