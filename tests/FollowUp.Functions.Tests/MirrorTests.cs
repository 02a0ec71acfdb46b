namespace FollowUp.Functions.Tests;

public class MirrorTests
{
    /// <summary>
    /// Each type the worker's packages ship that Mirror/ may copy, with the packages a project can reference to get it.
    /// A mirrored type whose package the Functions project does not reference would let a function compile here that
    /// does not compile for real.
    /// </summary>
    private static readonly Dictionary<string, string[]> ReachedThrough = new(StringComparer.Ordinal)
    {
        // Worker.Extensions.Abstractions, which every extension package depends on.
        ["FunctionAttribute"] = [Http, Timer, Queues],
        // Worker.Extensions.Http, which Http.AspNetCore depends on.
        ["HttpTriggerAttribute"] = [Http],
        ["AuthorizationLevel"] = [Http],
        ["TimerTriggerAttribute"] = [Timer],
        ["TimerInfo"] = [Timer],
        ["ScheduleStatus"] = [Timer],
        ["QueueTriggerAttribute"] = [Queues],
        ["QueueOutputAttribute"] = [Queues],
    };

    private const string Http = "Microsoft.Azure.Functions.Worker.Extensions.Http.AspNetCore";
    private const string Timer = "Microsoft.Azure.Functions.Worker.Extensions.Timer";
    private const string Queues = "Microsoft.Azure.Functions.Worker.Extensions.Storage.Queues";

    [Fact]
    public void Mirror_EveryType_ComesFromAPackageTheFunctionsProjectReferences()
    {
        var mirrored = typeof(MirrorTests).Assembly.GetTypes()
            .Where(type => type.Namespace?.StartsWith("Microsoft.Azure.Functions.Worker", StringComparison.Ordinal) == true && !type.IsNested)
            .ToList();

        Assert.NotEmpty(mirrored);
        Assert.All(mirrored, type =>
        {
            Assert.True(ReachedThrough.TryGetValue(type.Name, out var packages), $"{type.FullName}: say which package ships it, above.");
            Assert.True(packages!.Any(FunctionsProject.PackageReferences.Contains), $"{type.FullName}: src/FollowUp.Functions references none of {string.Join(", ", packages!)}.");
        });
    }

    [Fact]
    public void QueueOutputAttribute_Usage_IsTheRealOutputBindingUsage()
    {
        // The real attribute inherits OutputBindingAttribute's usage: on the method (binding what it returns) or a
        // property of a returned type, never [return: ...]. Allowing the return value here would let a declaration
        // compile that fails with the real package.
        var usage = (AttributeUsageAttribute)Attribute.GetCustomAttribute(typeof(Microsoft.Azure.Functions.Worker.QueueOutputAttribute), typeof(AttributeUsageAttribute))!;

        Assert.Equal(AttributeTargets.Method | AttributeTargets.Property, usage.ValidOn);
        Assert.False(usage.AllowMultiple);
    }
}
