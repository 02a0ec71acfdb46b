using FollowUp.Rules;

namespace FollowUp.Messages;

/// <summary>
/// The suppressed addresses, with what each unsubscribed from, as one instance last read them: by the address, or by
/// its keyed hash for an address whose customer was erased.
/// </summary>
/// <param name="scopes">What each key (an address's, or a hash's) unsubscribed from.</param>
/// <param name="hashedKey">How an address's hash is made; null while no address is kept as a hash, so that a lookup costs no HMAC.</param>
public sealed class SuppressedAddresses(IReadOnlyDictionary<string, UnsubscribeScope> scopes, Func<string, string>? hashedKey)
{
    /// <summary>Whether the address unsubscribed from anything.</summary>
    public bool Contains(string email) => ScopeOf(email) is not null;

    /// <summary>What the address unsubscribed from, or null.</summary>
    public UnsubscribeScope? ScopeOf(string email)
    {
        if (scopes.Count == 0)
        {
            return null;
        }

        // The wider of the two: an address kept as a hash may have unsubscribed again, from less, under its own name.
        UnsubscribeScope? plain = scopes.TryGetValue(Suppressions.Key(email), out var byAddress) ? byAddress : null;
        UnsubscribeScope? hashed = hashedKey is not null && scopes.TryGetValue(hashedKey(email), out var byHash) ? byHash : null;
        return plain > hashed || hashed is null ? plain : hashed;
    }

    /// <summary>Whether a message of <paramref name="category"/> must not go to the address.</summary>
    public bool Stops(string email, MessageCategory category) => Suppressions.Stops(ScopeOf(email), category);
}
