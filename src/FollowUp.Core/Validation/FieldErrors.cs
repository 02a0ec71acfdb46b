namespace FollowUp.Validation;

/// <summary>
/// Collects "field → reasons" so that one response can name every bad field at once (RFC 9457 <c>errors</c>). Holds
/// at most <see cref="MaxFields"/> fields and counts the rest, so that hostile input cannot make an error response
/// larger than the request.
/// </summary>
public sealed class FieldErrors(int maxFields = FieldErrors.MaxFields)
{
    public const int MaxFields = 50;
    private const int MaxReasonsPerField = 5;

    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    public bool IsEmpty => _errors.Count == 0 && Omitted == 0;

    public int Count => _errors.Count + Omitted;

    /// <summary>Errors that were found but not kept.</summary>
    public int Omitted { get; private set; }

    public bool Contains(string field) => _errors.ContainsKey(field);

    public void Add(string field, string reason)
    {
        ArgumentNullException.ThrowIfNull(field);
        if (!_errors.TryGetValue(field, out var reasons))
        {
            if (_errors.Count >= maxFields)
            {
                Omitted++;
                return;
            }

            reasons = [];
            _errors[Bounded(field, 200)] = reasons;
        }

        if (reasons.Count < MaxReasonsPerField)
        {
            reasons.Add(Bounded(reason, 500));
        }
        else
        {
            Omitted++;
        }
    }

    public void AddAll(string prefix, FieldErrors other)
    {
        ArgumentNullException.ThrowIfNull(other);
        foreach (var (field, reasons) in other._errors)
        {
            foreach (var reason in reasons)
            {
                Add(prefix + field, reason);
            }
        }

        Omitted += other.Omitted;
    }

    public IDictionary<string, string[]> ToDictionary() =>
        _errors.ToDictionary(pair => pair.Key, pair => pair.Value.ToArray(), StringComparer.Ordinal);

    private static string Bounded(string text, int max) => text.Length <= max ? text : text[..max] + "…";
}
