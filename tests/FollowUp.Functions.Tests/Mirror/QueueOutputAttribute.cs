// Mirrors the public API of the Azure Functions isolated worker (Microsoft.Azure.Functions.Worker and its extensions)
// so that src/FollowUp.Functions/Functions compiles and runs here, where the worker packages do not restore. It must
// match the real API exactly (namespace, names, constructors, properties, defaults) and never add what it lacks, nor
// a type from a package src/FollowUp.Functions does not reference (MirrorTests): that would compile here and not there.

namespace Microsoft.Azure.Functions.Worker;

/// <summary>
/// The real type derives from OutputBindingAttribute (Worker.Extensions.Abstractions), whose usage is a method or a
/// property, not a return value: the attribute goes on the <c>[Function]</c> method itself (and binds what it returns),
/// and <c>[return: QueueOutput(...)]</c> does not compile.
/// </summary>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Property)]
public sealed class QueueOutputAttribute(string queueName) : Attribute
{
    public string QueueName { get; } = queueName;

    /// <summary>The name of the app setting (or prefix of <c>Name__*</c> settings) holding the storage connection.</summary>
    public string? Connection { get; set; }
}
