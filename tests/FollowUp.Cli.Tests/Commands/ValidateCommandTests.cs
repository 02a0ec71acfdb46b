namespace FollowUp.Cli.Tests.Commands;

/// <summary><c>followup validate</c>: what the API would refuse, found offline, each at its file, line and column.</summary>
public class ValidateCommandTests
{
    [Fact]
    public async Task Validate_ValidFolder_SaysSoAndExits0()
    {
        using var folder = new TestFolder().WithTemplate("review").WithRule("review-request", "review");

        var run = await CliRun.RunAsync("validate", "--dir", folder.Root);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Valid: 1 rule and 1 template.", run.Output, StringComparison.Ordinal);
    }

    /// <summary>A rule file's problem, at the field's key, the list item, or the file when the field is left out.</summary>
    [Theory]
    [InlineData("trigger: order.delivered\ndelay: P5D\ntemplateId: \"review\n", "rules/x.yaml:3:13: is not valid YAML: ")]
    [InlineData("trigger: order.delivered\ndelay: P5D\ntemplateId: review\ndelay: P6D\n", "rules/x.yaml:4:1: 'delay' appears more than once")]
    [InlineData("trigger: order.delivered\ndelai: P5D\ntemplateId: review\n", "rules/x.yaml:2:1: delai: is not a known field (known: description, trigger,")]
    [InlineData("trigger: order.delivered\ndelay: P5D\ntemplateId: review\nsendWindow:\n  from: \"09:00\"\n  to: \"20:00\"\n  zone: Europe/Oslo\n", "rules/x.yaml:7:3: sendWindow.zone: is not a known field (known: days, from, to, skipHolidays)")]
    [InlineData("trigger: order.delivered\ndelay: P5D\ntemplateId: review\npriority: high\n", "rules/x.yaml:4:1: priority: must be a whole number")]
    [InlineData("trigger: order.delivered\ndelay: P1M\ntemplateId: review\n", "rules/x.yaml:2:1: delay: ")]
    [InlineData("trigger: order.delivered\ndelay: P5D\ntemplateId: review\ncancelOn:\n  - order.returned\n  - deal.lost\n", "rules/x.yaml:6:5: cancelOn[1]: 'deal.lost' is about a different kind of subject")]
    [InlineData("trigger: order.delivered\ntemplateId: review\n", "rules/x.yaml: delay: ")]
    [InlineData("trigger: order.delivered\ndelay: P5D\ntemplateId: no-such-template\n", "rules/x.yaml:3:1: templateId: template 'no-such-template' does not exist")]
    public async Task Validate_RuleFileProblem_AtItsFileLineAndColumn(string yaml, string expected)
    {
        using var folder = new TestFolder().WithTemplate("review").With("rules/x.yaml", yaml);

        var problems = await ProblemsAsync(folder);

        Assert.Contains(expected, problems, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_TemplateSyntaxError_AtItsLineAndColumnInThePartFile()
    {
        using var folder = new TestFolder().WithTemplate("review")
            .With("templates/review/en.html.scriban", "<p>Hello</p>\n<p>{{ for x in }}</p>\n{{ unsubscribe_url }}\n");

        var problems = await ProblemsAsync(folder);

        Assert.Matches(@"templates/review/en\.html\.scriban:2:\d+: ", problems);
    }

    [Fact]
    public async Task Validate_LiquidTemplateError_InTheLiquidFile()
    {
        using var folder = new TestFolder().WithTemplate("review", syntax: "liquid")
            .With("templates/review/en.subject.liquid", "Hi {{ customer.first_name }}\n");
        folder.With("templates/review/en.text.liquid", "Hello\n\n{% if customer.first_name %}\n{{ unsubscribe_url }}\n");

        var problems = await ProblemsAsync(folder);

        Assert.Contains("templates/review/en.text.liquid:", problems, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_UnknownFiles_AreErrors()
    {
        using var folder = new TestFolder().WithTemplate("review")
            .With("rules/notes.txt", "not a rule")
            .With("templates/review/en.footer.scriban", "x")
            .With("templates/review/nb.html.liquid", "x")
            .With("templates/review/template.yaml", "description: x\nsyntax: scriban\nlocales: {}\n")
            .With("rules/.gitkeep", string.Empty)
            .With("README.md", "the repository's own files are not ours");

        var problems = await ProblemsAsync(folder);

        Assert.Contains("rules/notes.txt: is not a rule file", problems, StringComparison.Ordinal);
        Assert.Contains("templates/review/en.footer.scriban: is not a part of a template", problems, StringComparison.Ordinal);
        Assert.Contains("templates/review/nb.html.liquid: ends in .liquid, but template.yaml says the syntax is scriban", problems, StringComparison.Ordinal);
        Assert.Contains("templates/review/template.yaml:3:1: locales: is not a known field (known: description, syntax, layout)", problems, StringComparison.Ordinal);
        Assert.DoesNotContain(".gitkeep", problems, StringComparison.Ordinal);
        Assert.DoesNotContain("README", problems, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_FeedbackRuleWithoutUnsubscribeLink_NamesTheRuleAndThePart()
    {
        using var folder = new TestFolder().WithTemplate("review").WithRule("review-request", "review")
            .With("templates/review/en.text.scriban", "Hello, no link here\n");

        var problems = await ProblemsAsync(folder);

        Assert.Contains("rules/review-request.yaml:4:1: templateId: template 'review' has no unsubscribe link ({{ unsubscribe_url }}) in en.text", problems, StringComparison.Ordinal);
        Assert.Contains("templates/review/en.text.scriban: has no unsubscribe link ({{ unsubscribe_url }}), which rule review-request (feedback) must give its readers", problems, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_ServiceOrDisabledRuleWithoutUnsubscribeLink_IsValid()
    {
        using var folder = new TestFolder().WithTemplate("note").WithRule("note-service", "note", "category: service\n").WithRule("note-off", "note", "enabled: false\n")
            .With("templates/note/en.text.scriban", "Your parcel is on its way\n");

        var run = await CliRun.RunAsync("validate", "--dir", folder.Root);

        Assert.Equal(0, run.ExitCode);
    }

    [Fact]
    public async Task Validate_ALayoutWithoutContent_AndAnIncludeOfNoPartial_AreErrorsAtTheirFiles()
    {
        using var folder = new TestFolder()
            .WithTemplate("review")
            .With("layouts/frame/template.yaml", "description: The frame\n")
            .With("layouts/frame/en.html.scriban", "<div>no slot</div>\n")
            .With("layouts/frame/en.text.scriban", "{{ content }}\n")
            .With("partials/footer/template.yaml", "description: Footer\n")
            .With("partials/footer/en.html.scriban", "{{ include \"no-such\" }}\n")
            .With("partials/footer/en.text.scriban", "Bye\n");

        var problems = await ProblemsAsync(folder);

        Assert.Contains("layouts/frame/en.html.scriban", problems, StringComparison.Ordinal);
        Assert.Contains("a layout must say where the message goes", problems, StringComparison.Ordinal);
        Assert.Contains("there is no partial 'no-such'", problems, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_FolderWithoutRulesOrTemplates_IsAUsageError()
    {
        using var folder = new TestFolder().With("README.md", "x");

        var run = await CliRun.RunAsync("validate", "--dir", folder.Root);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("holds no rules/, templates/, layouts/ or partials/ folder", run.Error, StringComparison.Ordinal);
    }

    /// <summary>Runs validate on a folder that has problems, and gives what it printed.</summary>
    private static async Task<string> ProblemsAsync(TestFolder folder)
    {
        var run = await CliRun.RunAsync("validate", "--dir", folder.Root);
        Assert.True(run.ExitCode == 1, run.ToString());
        return run.Output;
    }
}
