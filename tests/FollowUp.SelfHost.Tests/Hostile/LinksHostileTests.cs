namespace FollowUp.SelfHost.Tests.Hostile;

public sealed class LinksHostileTests(HostileHost host) : IClassFixture<HostileHost>
{
    public static TheoryData<string> Cases => LinksHostileCases.All.Running();

    public static TheoryData<string> Defect(string name) => LinksHostileCases.All.Defect(name);

    [Theory]
    [MemberData(nameof(Cases))]
    [MemberData(nameof(Defect), "answer.unknown-ill-formed-message", Skip = KnownDefects.LinkMessageIdNotChecked)]
    [MemberData(nameof(Defect), "unsubscribe.unknown-ill-formed-message-with-slashes", Skip = KnownDefects.LinkMessageIdNotChecked)]
    public Task Links_HostileToken_IsABounded4xxAndChangesNothing(string name) =>
        host.AssertRefusedAsync(LinksHostileCases.All[name]);
}
