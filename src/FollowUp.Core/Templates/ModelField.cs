namespace FollowUp.Templates;

/// <summary>One name in the template model: <c>customer</c>, <c>customer.first_name</c>, <c>order.lines[].unit_price</c>, <c>money</c>.</summary>
public sealed record ModelField
{
    public required string Name { get; init; }

    /// <summary>string, number, integer, boolean, time, object, list or function.</summary>
    public required string Type { get; init; }

    public string? Description { get; init; }

    /// <summary>An object's fields, or a list's items' fields.</summary>
    public IReadOnlyDictionary<string, ModelField> Fields { get; init; } = new Dictionary<string, ModelField>();

    /// <summary>Only a template sees it, not a rule's condition.</summary>
    public bool TemplatesOnly { get; init; }
}
