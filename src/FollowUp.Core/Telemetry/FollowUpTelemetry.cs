using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace FollowUp.Telemetry;

/// <summary>
/// FollowUp's traces and metrics. Spans and measurements carry ids (message, rule, event type), never a customer's
/// address or name, so telemetry holds no personal data.
/// </summary>
public static class FollowUpTelemetry
{
    public const string Name = "FollowUp";
    public const string MessageIdTag = "followup.message_id";
    public const string RuleIdTag = "followup.rule_id";
    public const string EventTypeTag = "followup.event_type";
    public const string OutcomeTag = "followup.outcome";

    public static readonly ActivitySource Source = new(Name);

    private static readonly Meter Meter = new(Name);

    public static readonly Counter<long> EventsIngested = Meter.CreateCounter<long>("followup.events.ingested", description: "Events processed, by type and whether they were new");

    public static readonly Counter<long> ProviderEvents = Meter.CreateCounter<long>("followup.provider.events", description: "SendGrid Event Webhook events: recorded, duplicate, unknown (no such message)");

    public static readonly Counter<long> MessagesDispatched = Meter.CreateCounter<long>("followup.messages.dispatched", description: "Dispatch outcomes: sent, retrying, failed, cancelled");

    public static readonly Histogram<double> DueToSent = Meter.CreateHistogram<double>("followup.messages.due_to_sent", unit: "s", description: "How late after its due time a message was sent");
}
