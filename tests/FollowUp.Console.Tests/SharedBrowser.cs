namespace FollowUp.Console.Tests;

/// <summary>One browser for every test: each test opens its own context (its own session storage, so its own sign-in).</summary>
[CollectionDefinition(Name)]
public sealed class SharedBrowser : ICollectionFixture<Chromium>
{
    public const string Name = "Browser";
}
