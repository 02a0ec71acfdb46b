using System.Text.Json;

namespace FollowUp;

/// <summary>A JSON value the contract does not allow, with the reason in the contract's words, for the problem details.</summary>
internal sealed class JsonValueException(string reason) : JsonException(reason)
{
    public string Reason { get; } = reason;
}
