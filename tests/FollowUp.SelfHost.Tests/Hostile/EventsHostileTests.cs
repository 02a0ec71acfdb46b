namespace FollowUp.SelfHost.Tests.Hostile;

public sealed class EventsHostileTests(HostileHost host) : IClassFixture<HostileHost>
{
    public static TheoryData<string> Cases => EventsHostileCases.All.Running();

    public static TheoryData<string> Defect(string name) => EventsHostileCases.All.Defect(name);

    [Theory]
    [MemberData(nameof(Cases))]
    [MemberData(nameof(Defect), "unicode.lone-surrogate-in-data-name", Skip = KnownDefects.LoneSurrogateInName)]
    [MemberData(nameof(Defect), "unicode.lone-surrogate-in-line-name", Skip = KnownDefects.LoneSurrogateInName)]
    [MemberData(nameof(Defect), "unicode.lone-surrogate-in-top-name", Skip = KnownDefects.LoneSurrogateInName)]
    [MemberData(nameof(Defect), "unicode.lone-surrogate-in-batch-item-name", Skip = KnownDefects.LoneSurrogateInName)]
    [MemberData(nameof(Defect), "binary.lone-surrogate", Skip = KnownDefects.BinaryModeLoneSurrogate)]
    public Task PostEvents_HostileInput_IsABounded4xxAndStoresNothing(string name) =>
        host.AssertRefusedAsync(EventsHostileCases.All[name]);
}
