namespace FollowUp.Validation;

/// <summary>Collects "field → reasons" so that one response can name every bad field at once (RFC 9457 <c>errors</c>).</summary>
public sealed class FieldErrors
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    public bool IsEmpty => _errors.Count == 0;

    public int Count => _errors.Count;

    public void Add(string field, string reason)
    {
        if (!_errors.TryGetValue(field, out var reasons))
        {
            reasons = [];
            _errors[field] = reasons;
        }

        reasons.Add(reason);
    }

    public void AddAll(string prefix, FieldErrors other)
    {
        foreach (var (field, reasons) in other._errors)
        {
            foreach (var reason in reasons)
            {
                Add(prefix + field, reason);
            }
        }
    }

    public IDictionary<string, string[]> ToDictionary() =>
        _errors.ToDictionary(pair => pair.Key, pair => pair.Value.ToArray(), StringComparer.Ordinal);
}
