namespace FollowUp.SelfHost.Tests.Hostile;

public sealed class AlertsHostileTests(HostileHost host) : IClassFixture<HostileHost>
{
    public static TheoryData<string> Cases => AlertsHostileCases.All.Running();

    [Theory]
    [MemberData(nameof(Cases))]
    public Task Alerts_HostileInput_IsABounded4xxAndChangesNothing(string name) =>
        host.AssertRefusedAsync(AlertsHostileCases.All[name]);
}
