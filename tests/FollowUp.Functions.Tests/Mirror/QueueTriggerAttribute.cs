// Mirrors the public API of the Azure Functions isolated worker (Microsoft.Azure.Functions.Worker and its extensions)
// so that src/FollowUp.Functions/Functions compiles and runs here, where the worker packages do not restore. It must
// match the real API exactly (namespace, names, constructors, properties, defaults) and never add what it lacks, nor
// a type from a package src/FollowUp.Functions does not reference (MirrorTests): that would compile here and not there.

namespace Microsoft.Azure.Functions.Worker;

/// <summary>
/// The real type derives from TriggerBindingAttribute (Worker.Extensions.Abstractions), which a function declaration
/// never names; its usage, a parameter, is repeated here as the other mirrored triggers do.
/// </summary>
[AttributeUsage(AttributeTargets.Parameter)]
public sealed class QueueTriggerAttribute(string queueName) : Attribute
{
    public string QueueName { get; } = queueName;

    /// <summary>The name of the app setting (or prefix of <c>Name__*</c> settings) holding the storage connection.</summary>
    public string? Connection { get; set; }
}
