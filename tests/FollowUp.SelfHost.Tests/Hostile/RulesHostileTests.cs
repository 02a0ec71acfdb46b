namespace FollowUp.SelfHost.Tests.Hostile;

public sealed class RulesHostileTests(HostileHost host) : IClassFixture<HostileHost>
{
    public static TheoryData<string> Cases => RulesHostileCases.All.Running();

    public static TheoryData<string> Defect(string name) => RulesHostileCases.All.Defect(name);

    [Theory]
    [MemberData(nameof(Cases))]
    public Task Rules_HostileInput_IsABounded4xxAndChangesNothing(string name) =>
        host.AssertRefusedAsync(RulesHostileCases.All[name]);
}
