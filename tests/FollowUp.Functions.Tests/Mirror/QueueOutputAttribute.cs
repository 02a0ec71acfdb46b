// Mirrors the public API of the Azure Functions isolated worker (Microsoft.Azure.Functions.Worker and its extensions)
// so that src/FollowUp.Functions/Functions compiles and runs here, where the worker packages do not restore. It must
// match the real API exactly (namespace, names, constructors, properties, defaults) and never add what it lacks.

namespace Microsoft.Azure.Functions.Worker;

[AttributeUsage(AttributeTargets.Method | AttributeTargets.Property)]
public sealed class QueueOutputAttribute(string queueName) : Attribute
{
    public string QueueName { get; } = queueName;

    /// <summary>The name of the app setting (or setting prefix) holding the storage connection.</summary>
    public string? Connection { get; set; }
}
