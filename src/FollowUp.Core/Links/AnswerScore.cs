using System.Globalization;

namespace FollowUp.Links;

/// <summary>
/// An answer that is a score, kept as a number: <c>nps:0</c>–<c>nps:10</c> (how likely to recommend) and
/// <c>csat:1</c>–<c>csat:5</c> (how satisfied). The review request's <c>rating-1</c>–<c>rating-5</c> stars are
/// satisfaction scores too.
/// </summary>
public readonly record struct AnswerScore(string Scale, int Value)
{
    public const string Nps = "nps";
    public const string Csat = "csat";

    public static AnswerScore? Of(string? answer) => answer switch
    {
        null => null,
        _ when answer.StartsWith("nps:", StringComparison.Ordinal) => Read(answer.AsSpan(4), Nps, 0, 10),
        _ when answer.StartsWith("csat:", StringComparison.Ordinal) => Read(answer.AsSpan(5), Csat, 1, 5),
        _ when answer.StartsWith("rating-", StringComparison.Ordinal) => Read(answer.AsSpan(7), Csat, 1, 5),
        _ => null,
    };

    public static string AnswerOf(string scale, int value) => $"{scale}:{value.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>The highest score of the scale: 10 for NPS, 5 for CSAT.</summary>
    public int Top => Scale == Nps ? 10 : 5;

    private static AnswerScore? Read(ReadOnlySpan<char> digits, string scale, int min, int max) =>
        digits.Length is 1 or 2 && int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
            ? new AnswerScore(scale, value)
            : null;
}
