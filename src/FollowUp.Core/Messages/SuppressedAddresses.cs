namespace FollowUp.Messages;

/// <summary>The suppressed addresses as one dispatcher last read them.</summary>
public sealed class SuppressedAddresses(IReadOnlySet<string> keys)
{
    public bool Contains(string email) => keys.Contains(Suppressions.Key(email));
}
