using System.Reflection;
using Microsoft.Azure.Functions.Worker;

namespace FollowUp.Functions.Tests;

/// <summary>Every function in the app's Functions/ sources, which this assembly compiles as they ship.</summary>
public static class FunctionCatalog
{
    public static IReadOnlyList<DeclaredFunction> All { get; } =
        typeof(FunctionCatalog).Assembly.GetTypes()
            .SelectMany(type => type.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly))
            .Select(method => (Method: method, Function: method.GetCustomAttribute<FunctionAttribute>()))
            .Where(found => found.Function is not null)
            .Select(found => new DeclaredFunction(found.Function!.Name, found.Method))
            .ToList();

    public static IReadOnlyList<DeclaredFunction> Http { get; } = All.Where(function => function.HttpTrigger is not null).ToList();

    public static IReadOnlyList<Type> Classes { get; } = All.Select(function => function.Method.DeclaringType!).Distinct().ToList();
}
