namespace FollowUp.Links;

public enum LinkKind
{
    Answer,
    Unsubscribe,
}
