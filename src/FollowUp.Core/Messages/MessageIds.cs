using System.Security.Cryptography;
using System.Text;
using FollowUp.Events;

namespace FollowUp.Messages;

public static class MessageIds
{
    /// <summary>
    /// One message per (rule, order or deal): the id is a hash of the three, so a replayed or duplicated event can only
    /// ever find the message it made the first time.
    /// </summary>
    public static string For(string ruleId, SubjectKind kind, string subjectId)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{ruleId}\n{kind}\n{subjectId}"));
        return Convert.ToHexStringLower(hash.AsSpan(0, 16));
    }
}
