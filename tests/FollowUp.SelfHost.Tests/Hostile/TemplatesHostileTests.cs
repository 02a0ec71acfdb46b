namespace FollowUp.SelfHost.Tests.Hostile;

public sealed class TemplatesHostileTests(HostileHost host) : IClassFixture<HostileHost>
{
    public static TheoryData<string> Cases => TemplatesHostileCases.All.Running();

    public static TheoryData<string> Defect(string name) => TemplatesHostileCases.All.Defect(name);

    [Theory]
    [MemberData(nameof(Cases))]
    public Task Templates_HostileInput_IsABounded4xxAndChangesNothing(string name) =>
        host.AssertRefusedAsync(TemplatesHostileCases.All[name]);
}
