namespace FollowUp.Alerts;

/// <summary>How resolving an alert ended.</summary>
public enum AlertResolution
{
    Resolved,

    /// <summary>Someone resolved it before: the first resolution stands.</summary>
    AlreadyResolved,

    NotFound,

    /// <summary>A new answer raised it again while it was being resolved: read it again.</summary>
    Changed,
}
