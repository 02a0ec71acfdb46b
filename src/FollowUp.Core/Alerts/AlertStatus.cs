namespace FollowUp.Alerts;

/// <summary>Whether someone has dealt with an answer that needed a person.</summary>
public enum AlertStatus
{
    Open,
    Resolved,
}
