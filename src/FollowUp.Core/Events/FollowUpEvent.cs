using System.Text.Json.Nodes;

namespace FollowUp.Events;

/// <summary>A validated CloudEvent of one of the <see cref="EventTypes"/>, with its data parsed.</summary>
public sealed record FollowUpEvent(
    string Id,
    string Source,
    string Type,
    DateTimeOffset? Time,
    CustomerData Customer,
    OrderData? Order,
    DealData? Deal,
    JsonObject Data)
{
    public SubjectKind SubjectKind => EventTypes.SubjectOf(Type);

    public string SubjectId => SubjectKind == SubjectKind.Deal ? Deal!.Id : Order!.Id;
}
