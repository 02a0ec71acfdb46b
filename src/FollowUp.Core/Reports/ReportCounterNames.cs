using System.Globalization;
using System.Text;
using FollowUp.Links;

namespace FollowUp.Reports;

/// <summary>
/// Counter names as Table Storage properties: a stage by its name, a score as <c>Nps9</c> or <c>Csat4</c>, and an
/// answer as <c>A_</c> and its hexadecimal UTF-8 (an answer may hold '-', '.' and ':', which a property name may not).
/// </summary>
public static class ReportCounterNames
{
    private const string AnswerPrefix = "A_";

    public static string Answer(string answer) => AnswerPrefix + Convert.ToHexString(Encoding.UTF8.GetBytes(answer));

    public static string Score(AnswerScore score) =>
        (score.Scale == AnswerScore.Nps ? "Nps" : "Csat") + score.Value.ToString(CultureInfo.InvariantCulture);

    /// <summary>The answer a counter name stands for, or null when it is not an answer's.</summary>
    public static string? AnswerOf(string name)
    {
        if (!name.StartsWith(AnswerPrefix, StringComparison.Ordinal))
        {
            return null;
        }

        try
        {
            return Encoding.UTF8.GetString(Convert.FromHexString(name.AsSpan(AnswerPrefix.Length)));
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
