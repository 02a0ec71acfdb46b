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

    [Fact]
    public async Task Validate_YamlSyntaxError_NamesFileLineAndColumn()
    {
        using var folder = new TestFolder().WithTemplate("review")
            .With("rules/broken.yaml", "trigger: order.delivered\ndelay: P5D\ntemplateId: \"review\n");

        var run = await CliRun.RunAsync("validate", "--dir", folder.Root);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("rules/broken.yaml:3:13: is not valid YAML: ", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_RepeatedKey_IsAnErrorAtTheSecond()
    {
        using var folder = new TestFolder().WithTemplate("review")
            .With("rules/twice.yaml", "trigger: order.delivered\ndelay: P5D\ntemplateId: review\ndelay: P6D\n");

        var run = await CliRun.RunAsync("validate", "--dir", folder.Root);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("rules/twice.yaml:4:1: 'delay' appears more than once", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_UnknownKeys_EveryOneAtItsKey()
    {
        using var folder = new TestFolder().WithTemplate("review")
            .With("rules/typo.yaml", "trigger: order.delivered\ndelai: P5D\ntemplateId: review\nsendWindow:\n  from: \"09:00\"\n  to: \"20:00\"\n  zone: Europe/Oslo\n");

        var run = await CliRun.RunAsync("validate", "--dir", folder.Root);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("rules/typo.yaml:2:1: delai: is not a known field (known: description, trigger,", run.Output, StringComparison.Ordinal);
        Assert.Contains("rules/typo.yaml:7:3: sendWindow.zone: is not a known field (known: days, from, to, skipHolidays)", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_WrongType_IsTheApisErrorAtTheKey()
    {
        using var folder = new TestFolder().WithTemplate("review").WithRule("typed", "review", "priority: high\n");

        var run = await CliRun.RunAsync("validate", "--dir", folder.Root);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("rules/typed.yaml:6:1: priority: must be a whole number", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_RuleFieldErrors_AtTheKeyOrTheListItem()
    {
        using var folder = new TestFolder().WithTemplate("review")
            .With("rules/bad.yaml", "trigger: order.delivered\ndelay: P1M\ntemplateId: review\ncancelOn:\n  - order.returned\n  - deal.lost\n");

        var run = await CliRun.RunAsync("validate", "--dir", folder.Root);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("rules/bad.yaml:2:1: delay: ", run.Output, StringComparison.Ordinal);
        Assert.Contains("rules/bad.yaml:6:5: cancelOn[1]: 'deal.lost' is about a different kind of subject", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_RequiredFieldLeftOut_NamesTheFile()
    {
        using var folder = new TestFolder().WithTemplate("review").With("rules/short.yaml", "trigger: order.delivered\ntemplateId: review\n");

        var run = await CliRun.RunAsync("validate", "--dir", folder.Root);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("rules/short.yaml: delay: ", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_TemplateNotInTheFolder_IsAnErrorAtTemplateId()
    {
        using var folder = new TestFolder().WithTemplate("review").WithRule("orphan", "no-such-template");

        var run = await CliRun.RunAsync("validate", "--dir", folder.Root);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("rules/orphan.yaml:4:1: templateId: template 'no-such-template' does not exist", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_TemplateSyntaxError_AtItsLineAndColumnInThePartFile()
    {
        using var folder = new TestFolder().WithTemplate("review")
            .With("templates/review/en.html.scriban", "<p>Hello</p>\n<p>{{ for x in }}</p>\n{{ unsubscribe_url }}\n");

        var run = await CliRun.RunAsync("validate", "--dir", folder.Root);

        Assert.Equal(1, run.ExitCode);
        Assert.Matches(@"templates/review/en\.html\.scriban:2:\d+: ", run.Output);
    }

    [Fact]
    public async Task Validate_LiquidTemplateError_InTheLiquidFile()
    {
        using var folder = new TestFolder().WithTemplate("review", syntax: "liquid")
            .With("templates/review/en.subject.liquid", "Hi {{ customer.first_name }}\n");
        folder.With("templates/review/en.text.liquid", "Hello\n\n{% if customer.first_name %}\n{{ unsubscribe_url }}\n");

        var run = await CliRun.RunAsync("validate", "--dir", folder.Root);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("templates/review/en.text.liquid:", run.Output, StringComparison.Ordinal);
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

        var run = await CliRun.RunAsync("validate", "--dir", folder.Root);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("rules/notes.txt: is not a rule file", run.Output, StringComparison.Ordinal);
        Assert.Contains("templates/review/en.footer.scriban: is not a part of a template", run.Output, StringComparison.Ordinal);
        Assert.Contains("templates/review/nb.html.liquid: ends in .liquid, but template.yaml says the syntax is scriban", run.Output, StringComparison.Ordinal);
        Assert.Contains("templates/review/template.yaml:3:1: locales: is not a known field (known: description, syntax)", run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(".gitkeep", run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("README", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_FeedbackRuleWithoutUnsubscribeLink_NamesTheRuleAndThePart()
    {
        using var folder = new TestFolder().WithTemplate("review").WithRule("review-request", "review")
            .With("templates/review/en.text.scriban", "Hello, no link here\n");

        var run = await CliRun.RunAsync("validate", "--dir", folder.Root);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("rules/review-request.yaml:4:1: templateId: template 'review' has no unsubscribe link ({{ unsubscribe_url }}) in en.text", run.Output, StringComparison.Ordinal);
        Assert.Contains("templates/review/en.text.scriban: has no unsubscribe link ({{ unsubscribe_url }}), which rule review-request (feedback) must give its readers", run.Output, StringComparison.Ordinal);
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
    public async Task Validate_ReservedFolder_IsAnError()
    {
        using var folder = new TestFolder().WithTemplate("review").With("layouts/base/template.yaml", "description: x\n");

        var run = await CliRun.RunAsync("validate", "--dir", folder.Root);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("layouts/: is reserved for layouts", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_FolderWithoutRulesOrTemplates_IsAUsageError()
    {
        using var folder = new TestFolder().With("README.md", "x");

        var run = await CliRun.RunAsync("validate", "--dir", folder.Root);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("holds no rules/ or templates/ folder", run.Error, StringComparison.Ordinal);
    }
}
