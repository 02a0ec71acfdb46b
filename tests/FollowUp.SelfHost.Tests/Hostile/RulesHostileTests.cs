namespace FollowUp.SelfHost.Tests.Hostile;

public sealed class RulesHostileTests(HostileHost host) : IClassFixture<HostileHost>
{
    public static TheoryData<string> Cases => RulesHostileCases.All.Running();

    public static TheoryData<string> Defect(string name) => RulesHostileCases.All.Defect(name);

    [Theory]
    [MemberData(nameof(Cases))]
    [MemberData(nameof(Defect), "unknown.pascal-case-names", Skip = KnownDefects.PascalCaseNames)]
    [MemberData(nameof(Defect), "types.coupon-length-string", Skip = KnownDefects.NumbersAsStrings)]
    [MemberData(nameof(Defect), "values.delay.P٣D", Skip = KnownDefects.NonAsciiDigits)]
    [MemberData(nameof(Defect), "values.delay.PT١H", Skip = KnownDefects.NonAsciiDigits)]
    [MemberData(nameof(Defect), "values.delay.P１D", Skip = KnownDefects.NonAsciiDigits)]
    [MemberData(nameof(Defect), "values.delay.P५D", Skip = KnownDefects.NonAsciiDigits)]
    [MemberData(nameof(Defect), "values.delay.PT1.٥S", Skip = KnownDefects.NonAsciiDigits)]
    [MemberData(nameof(Defect), "media.text/plain", Skip = KnownDefects.RulesMediaType)]
    [MemberData(nameof(Defect), "media.application/xml", Skip = KnownDefects.RulesMediaType)]
    [MemberData(nameof(Defect), "media.application/x-www-form-urlencoded", Skip = KnownDefects.RulesMediaType)]
    public Task Rules_HostileInput_IsABounded4xxAndChangesNothing(string name) =>
        host.AssertRefusedAsync(RulesHostileCases.All[name]);
}
