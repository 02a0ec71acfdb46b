// Mirrors the public API of the Azure Functions isolated worker (Microsoft.Azure.Functions.Worker and its extensions)
// so that src/FollowUp.Functions/Functions compiles and runs here, where the worker packages do not restore. It must
// match the real API exactly (namespace, names, constructors, properties, defaults) and never add what it lacks, nor
// a type from a package src/FollowUp.Functions does not reference (MirrorTests): that would compile here and not there.

namespace Microsoft.Azure.Functions.Worker;

public enum AuthorizationLevel
{
    Anonymous = 0,
    User = 1,
    Function = 2,
    System = 3,
    Admin = 4,
}
