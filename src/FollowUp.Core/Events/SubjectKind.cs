namespace FollowUp.Events;

/// <summary>What a message follows up on: every message belongs to exactly one order or one deal.</summary>
public enum SubjectKind
{
    Order,
    Deal,
}
