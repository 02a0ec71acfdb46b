using FollowUp.Links;

namespace FollowUp.Templates;

/// <summary>
/// The answer links of one message as its template writes them, remembered with their words so that the answer page
/// can name each answer as the mail did and offer the others when the customer changes their mind.
/// </summary>
internal sealed class AnswerLinks(LinkSigner links, string messageId)
{
    /// <summary>More than a 0–10 scale and a few reasons; more links than this are still signed but not offered again.</summary>
    public const int MaxChoices = 24;

    public const int MaxLabelLength = 100;

    private readonly List<AnswerChoice> _choices = [];

    public IReadOnlyList<AnswerChoice> Choices => _choices;

    /// <summary><c>answer_url "price" "Pris"</c>: a signed link that answers <paramref name="answer"/>; the words are optional.</summary>
    public string Url(string answer, string? label = null)
    {
        if (!LinkSigner.IsValidAnswer(answer))
        {
            throw new InvalidOperationException($"'{answer}' is not a valid answer (1-64 letters, digits, '-', '_', '.' or ':')");
        }

        Remember(answer, label);
        return links.AnswerUrl(messageId, answer);
    }

    /// <summary><c>nps_url 9</c>: how likely the customer is to recommend, 0 to 10.</summary>
    public string Nps(object? score) => Url(AnswerScore.AnswerOf(AnswerScore.Nps, Score(score, 0, 10, "nps_url")));

    /// <summary><c>csat_url 4</c>: how satisfied the customer is, 1 to 5.</summary>
    public string Csat(object? score) => Url(AnswerScore.AnswerOf(AnswerScore.Csat, Score(score, 1, 5, "csat_url")));

    private void Remember(string answer, string? label)
    {
        label = string.IsNullOrWhiteSpace(label) ? null : label.Trim();
        if (label is { Length: > MaxLabelLength })
        {
            // Never half a character: an emoji is two UTF-16 units.
            label = label[..(char.IsHighSurrogate(label[MaxLabelLength - 1]) ? MaxLabelLength - 1 : MaxLabelLength)];
        }

        var known = _choices.FindIndex(choice => choice.Answer == answer);
        if (known >= 0)
        {
            // The subject, the HTML and the text each write the links: the words, wherever one of them gives them.
            if (_choices[known].Label is null && label is not null)
            {
                _choices[known] = new AnswerChoice(answer, label);
            }
        }
        else if (_choices.Count < MaxChoices)
        {
            _choices.Add(new AnswerChoice(answer, label));
        }
    }

    private static int Score(object? value, int min, int max, string helper)
    {
        var score = value switch
        {
            int whole => whole,
            long whole when whole is >= int.MinValue and <= int.MaxValue => (int)whole,
            decimal number when number == decimal.Truncate(number) && number is >= int.MinValue and <= int.MaxValue => (int)number,
            double number when number == Math.Truncate(number) && number is >= int.MinValue and <= int.MaxValue => (int)number,
            string text when int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var parsed) => parsed,
            _ => int.MinValue,
        };
        return score >= min && score <= max
            ? score
            : throw new InvalidOperationException($"{helper} takes a whole number from {min} to {max}, not '{value}'");
    }
}
