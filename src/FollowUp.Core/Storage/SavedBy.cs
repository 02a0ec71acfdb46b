namespace FollowUp.Storage;

/// <summary>Who saved a version of a rule or template, when nobody can say: a key without a name, or a caller without a key.</summary>
public static class SavedBy
{
    public const string Unknown = "unknown";
}
