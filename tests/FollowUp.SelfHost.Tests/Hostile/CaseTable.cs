namespace FollowUp.SelfHost.Tests.Hostile;

/// <summary>A theory's cases by name: xunit gets the names (so each case is its own test), the runner the case.</summary>
internal sealed class CaseTable
{
    private readonly Dictionary<string, HostileCase> _cases = new(StringComparer.Ordinal);

    public int Count => _cases.Count;

    public IEnumerable<HostileCase> Cases => _cases.Values;

    public HostileCase this[string name] => _cases[name];

    public void Add(HostileCase hostile)
    {
        ArgumentNullException.ThrowIfNull(hostile);
        if (!_cases.TryAdd(hostile.Name, hostile))
        {
            throw new InvalidOperationException($"Two cases are named '{hostile.Name}'.");
        }
    }

    /// <summary>The cases that run: every one the product is not known to answer wrongly.</summary>
    public TheoryData<string> Running()
    {
        var data = new TheoryData<string>();
        foreach (var hostile in _cases.Values.Where(c => c.Defect is null))
        {
            data.Add(hostile.Name);
        }

        return data;
    }

    /// <summary>One known defect, for a <c>MemberData</c> that skips it with its reason.</summary>
    public TheoryData<string> Defect(string name)
    {
        if (_cases[name].Defect is null)
        {
            throw new InvalidOperationException($"Case '{name}' is not marked as a known defect.");
        }

        return new TheoryData<string> { name };
    }
}
