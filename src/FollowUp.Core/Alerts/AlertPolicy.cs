using FollowUp.Links;
using FollowUp.Messages;
using FollowUp.Rules;

namespace FollowUp.Alerts;

/// <summary>
/// Which answers need a person: a detractor's NPS (0–6), a dissatisfied CSAT (1–2), an answer the rule names (the
/// lost-sale reasons "service" and "product-fit" by default), and any comment — something a customer took the time to
/// write deserves a reader.
/// </summary>
public static class AlertPolicy
{
    /// <summary>Why the message's answer as it stands needs a person, or null when it does not.</summary>
    public static string? Why(MessageEntity message, Rule? rule)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message.Answer is null)
        {
            return null;
        }

        var reasons = new List<string>();
        switch (AnswerScore.Of(message.Answer))
        {
            case { Scale: AnswerScore.Nps, Value: <= 6 } nps:
                reasons.Add($"an NPS of {nps.Value} (a detractor)");
                break;
            case { Scale: AnswerScore.Csat, Value: <= 2 } csat:
                reasons.Add($"a satisfaction of {csat.Value} of 5");
                break;
        }

        if (rule?.Alerts?.Answers?.Contains(message.Answer, StringComparer.Ordinal) == true)
        {
            reasons.Add($"the answer '{message.Answer}', one rule {rule.Id} alerts on");
        }

        if (!string.IsNullOrWhiteSpace(message.Comment))
        {
            reasons.Add("a comment");
        }

        return reasons.Count == 0 ? null : string.Join("; ", reasons);
    }
}
