using FollowUp.Events;

namespace FollowUp.Rules;

/// <summary>The phase a rule's messages belong to: its own <c>phase</c>, else the one its trigger starts.</summary>
public static class JourneyPhases
{
    public static JourneyPhase Of(Rule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        return rule.Phase ?? OfTrigger(rule.Trigger);
    }

    /// <summary>The phase an event type starts.</summary>
    public static JourneyPhase OfTrigger(string? trigger)
    {
        return trigger switch
        {
            EventTypes.OrderShipped => JourneyPhase.Waiting,
            EventTypes.OrderDelivered or EventTypes.OrderReturned => JourneyPhase.Use,
            not null when trigger.StartsWith("deal.", StringComparison.Ordinal) => JourneyPhase.LostSale,
            _ => JourneyPhase.Purchase,
        };
    }

    /// <summary>The phase's name as the API writes it: <c>purchase</c>, <c>waiting</c>, <c>use</c>, <c>repeat</c>, <c>lostSale</c>.</summary>
    public static string Name(JourneyPhase phase) => System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(phase.ToString());
}
