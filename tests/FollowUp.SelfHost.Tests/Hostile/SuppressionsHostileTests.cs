namespace FollowUp.SelfHost.Tests.Hostile;

public sealed class SuppressionsHostileTests(HostileHost host) : IClassFixture<HostileHost>
{
    public static TheoryData<string> Cases => SuppressionsHostileCases.All.Running();

    [Theory]
    [MemberData(nameof(Cases))]
    public Task Suppressions_HostileInput_IsABounded4xxAndChangesNothing(string name) =>
        host.AssertRefusedAsync(SuppressionsHostileCases.All[name]);
}
