namespace FollowUp.SelfHost.Tests.Hostile;

/// <summary>
/// One hostile request and what the contract says it must get: an exact 4xx status, for a 400 the field its problem
/// names, a small body, and no change to storage.
/// </summary>
internal sealed record HostileCase(string Name, HttpMethod Method, string Path, int Status)
{
    public const string ProblemJson = "application/problem+json";

    /// <summary>Made fresh for each send (a content can be sent once); null for no body.</summary>
    public Func<HttpContent?> Content { get; init; } = () => null;

    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; init; } = [];

    /// <summary>True to send without the API key.</summary>
    public bool Anonymous { get; init; }

    /// <summary>The field a 400's <c>errors</c> must name.</summary>
    public string? Field { get; init; }

    /// <summary>The media type of the answer; null when the contract does not fix one.</summary>
    public string? MediaType { get; init; } = ProblemJson;

    /// <summary>Set when the product answers this case wrongly today; the case is then skipped with this reason.</summary>
    public string? Defect { get; init; }

    public HostileCase Header(string name, string value) => this with { Headers = [.. Headers, new(name, value)] };

    public HostileCase Known(string defect) => this with { Defect = defect };

    public override string ToString() => Name;
}
