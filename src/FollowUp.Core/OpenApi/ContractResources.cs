namespace FollowUp.OpenApi;

/// <summary>
/// The repository's <c>schemas/followup-event.schema.json</c> and <c>examples/*.json</c>, embedded in this assembly
/// (see the project file) so that both hosts describe the contract from the same files a developer reads.
/// </summary>
public static class ContractResources
{
    public const string EventSchemaName = Templates.TemplateModelSchema.EventSchemaResource;
    private const string ExamplePrefix = "FollowUp.Examples.";

    /// <summary>The event schema's JSON text.</summary>
    public static string EventSchema { get; } = Read(EventSchemaName);

    /// <summary>Each example event's JSON text by file name without <c>.json</c>, e.g. <c>order.placed</c>.</summary>
    public static IReadOnlyDictionary<string, string> ExampleEvents { get; } =
        typeof(ContractResources).Assembly.GetManifestResourceNames()
            .Where(name => name.StartsWith(ExamplePrefix, StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToDictionary(name => name[ExamplePrefix.Length..^".json".Length], Read, StringComparer.Ordinal);

    private static string Read(string name)
    {
        using var stream = typeof(ContractResources).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"The resource {name} is not embedded in {typeof(ContractResources).Assembly.GetName().Name}.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
