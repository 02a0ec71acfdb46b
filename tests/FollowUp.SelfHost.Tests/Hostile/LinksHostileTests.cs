namespace FollowUp.SelfHost.Tests.Hostile;

public sealed class LinksHostileTests(HostileHost host) : IClassFixture<HostileHost>
{
    public static TheoryData<string> Cases => LinksHostileCases.All.Running();

    public static TheoryData<string> Defect(string name) => LinksHostileCases.All.Defect(name);

    [Theory]
    [MemberData(nameof(Cases))]
    public Task Links_HostileToken_IsABounded4xxAndChangesNothing(string name) =>
        host.AssertRefusedAsync(LinksHostileCases.All[name]);
}
