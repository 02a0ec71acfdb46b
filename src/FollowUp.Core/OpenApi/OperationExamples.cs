namespace FollowUp.OpenApi;

/// <summary>An operation's examples: of its request body by media type, and of its responses by status code.</summary>
public sealed record OperationExamples
{
    public IReadOnlyDictionary<string, IReadOnlyList<ApiExample>> Requests { get; init; } = new Dictionary<string, IReadOnlyList<ApiExample>>();

    public IReadOnlyDictionary<string, IReadOnlyList<ApiExample>> Responses { get; init; } = new Dictionary<string, IReadOnlyList<ApiExample>>();
}
