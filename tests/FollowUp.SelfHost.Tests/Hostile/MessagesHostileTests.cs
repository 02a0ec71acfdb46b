namespace FollowUp.SelfHost.Tests.Hostile;

public sealed class MessagesHostileTests(HostileHost host) : IClassFixture<HostileHost>
{
    public static TheoryData<string> Cases => MessagesHostileCases.All.Running();

    [Theory]
    [MemberData(nameof(Cases))]
    public Task Messages_HostileQuery_IsABounded4xxAndChangesNothing(string name) =>
        host.AssertRefusedAsync(MessagesHostileCases.All[name]);
}
