// Mirrors the public API of the Azure Functions isolated worker (Microsoft.Azure.Functions.Worker and its extensions)
// so that src/FollowUp.Functions/Functions compiles and runs here, where the worker packages do not restore. It must
// match the real API exactly (namespace, names, constructors, properties, defaults) and never add what it lacks, nor
// a type from a package src/FollowUp.Functions does not reference (MirrorTests): that would compile here and not there.

namespace Microsoft.Azure.Functions.Worker;

public class ScheduleStatus
{
    public DateTime Last { get; set; }

    public DateTime Next { get; set; }

    public DateTime LastUpdated { get; set; }
}
