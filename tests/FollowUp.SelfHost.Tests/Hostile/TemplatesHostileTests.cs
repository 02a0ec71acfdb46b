namespace FollowUp.SelfHost.Tests.Hostile;

public sealed class TemplatesHostileTests(HostileHost host) : IClassFixture<HostileHost>
{
    public static TheoryData<string> Cases => TemplatesHostileCases.All.Running();

    public static TheoryData<string> Defect(string name) => TemplatesHostileCases.All.Defect(name);

    [Theory]
    [MemberData(nameof(Cases))]
    [MemberData(nameof(Defect), "media.put-text-plain", Skip = KnownDefects.TemplatesMediaType)]
    [MemberData(nameof(Defect), "media.put-xml", Skip = KnownDefects.TemplatesMediaType)]
    [MemberData(nameof(Defect), "media.preview-text-plain", Skip = KnownDefects.TemplatesMediaType)]
    [MemberData(nameof(Defect), "preview.draft-output-over-limit", Skip = KnownDefects.OutputTruncated)]
    [MemberData(nameof(Defect), "locales.tag.lone-surrogate", Skip = KnownDefects.WrongFieldForBadName)]
    [MemberData(nameof(Defect), "parse.en-subject-unclosed-block", Skip = KnownDefects.UnclosedBlock)]
    [MemberData(nameof(Defect), "parse.en-html-unclosed-block", Skip = KnownDefects.UnclosedBlock)]
    [MemberData(nameof(Defect), "parse.en-text-unclosed-block", Skip = KnownDefects.UnclosedBlock)]
    [MemberData(nameof(Defect), "preview.draft-unclosed-block", Skip = KnownDefects.UnclosedBlock)]
    public Task Templates_HostileInput_IsABounded4xxAndChangesNothing(string name) =>
        host.AssertRefusedAsync(TemplatesHostileCases.All[name]);
}
