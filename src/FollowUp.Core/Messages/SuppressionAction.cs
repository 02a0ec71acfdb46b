namespace FollowUp.Messages;

/// <summary>What a person did to a suppression, as its history keeps it.</summary>
public enum SuppressionAction
{
    /// <summary>Added by hand, or widened to stop more.</summary>
    Added,

    /// <summary>Removed: the address gets what it stopped again.</summary>
    Removed,
}
