namespace FollowUp.SelfHost.Tests.Hostile;

public sealed class EventsHostileTests(HostileHost host) : IClassFixture<HostileHost>
{
    public static TheoryData<string> Cases => EventsHostileCases.All.Running();

    public static TheoryData<string> Defect(string name) => EventsHostileCases.All.Defect(name);

    [Theory]
    [MemberData(nameof(Cases))]
    public Task PostEvents_HostileInput_IsABounded4xxAndStoresNothing(string name) =>
        host.AssertRefusedAsync(EventsHostileCases.All[name]);
}
