using System.Reflection;
using Microsoft.Azure.Functions.Worker;

namespace FollowUp.Functions.Tests;

/// <summary>One method marked <c>[Function]</c>, with its trigger, as the worker's metadata generator reads it.</summary>
public sealed record DeclaredFunction(string Name, MethodInfo Method)
{
    public HttpTriggerAttribute? HttpTrigger => Trigger<HttpTriggerAttribute>();

    public TimerTriggerAttribute? TimerTrigger => Trigger<TimerTriggerAttribute>();

    public QueueTriggerAttribute? QueueTrigger => Trigger<QueueTriggerAttribute>();

    /// <summary>An output binding on the method itself binds what the method returns.</summary>
    public QueueOutputAttribute? QueueOutput => Method.GetCustomAttribute<QueueOutputAttribute>();

    public override string ToString() => $"{Name} ({Method.DeclaringType?.Name}.{Method.Name})";

    private T? Trigger<T>()
        where T : Attribute =>
        Method.GetParameters().Select(parameter => parameter.GetCustomAttribute<T>()).SingleOrDefault(attribute => attribute is not null);
}
