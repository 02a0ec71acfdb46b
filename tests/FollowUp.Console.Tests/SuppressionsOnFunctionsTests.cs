namespace FollowUp.Console.Tests;

/// <summary>The same tests with the console and the API served by the Functions app's functions (see FunctionsHttpHost).</summary>
public sealed class SuppressionsOnFunctionsTests(Chromium chromium) : SuppressionsTests(chromium)
{
    protected override Task<ConsoleHost> StartHostAsync() => ConsoleHost.StartFunctionsAsync(Configure);

    protected override string ScreenshotPrefix => "functions-";
}
