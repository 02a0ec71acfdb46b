// Mirrors the public API of the Azure Functions isolated worker (Microsoft.Azure.Functions.Worker and its extensions)
// so that src/FollowUp.Functions/Functions compiles and runs here, where the worker packages do not restore. It must
// match the real API exactly (namespace, names, constructors, properties, defaults) and never add what it lacks, nor
// a type from a package src/FollowUp.Functions does not reference (MirrorTests): that would compile here and not there.

using System.Diagnostics.CodeAnalysis;

namespace Microsoft.Azure.Functions.Worker;

[AttributeUsage(AttributeTargets.Parameter)]
public sealed class HttpTriggerAttribute : Attribute
{
    public HttpTriggerAttribute()
    {
        AuthLevel = AuthorizationLevel.Function;
    }

    /// <summary>As in the real API, this leaves <see cref="AuthLevel"/> at Anonymous: always pass the level.</summary>
    public HttpTriggerAttribute(params string[] methods)
    {
        Methods = methods;
    }

    public HttpTriggerAttribute(AuthorizationLevel authLevel)
    {
        AuthLevel = authLevel;
    }

    public HttpTriggerAttribute(AuthorizationLevel authLevel, params string[] methods)
    {
        AuthLevel = authLevel;
        Methods = methods;
    }

    public string? Route { get; set; }

    [SuppressMessage("Performance", "CA1819:Properties should not return arrays", Justification = "Mirrors the real API.")]
    public string[]? Methods { get; private set; }

    public AuthorizationLevel AuthLevel { get; private set; }
}
