using System.Text.RegularExpressions;
using FollowUp.Functions.Tests;

namespace FollowUp.Infra.Tests;

public partial class DispatchScheduleTests
{
    [Fact]
    public async Task AppSettings_EveryBindingExpressionInTheFunctions_IsASettingInfraProvides()
    {
        // The Functions host resolves %Name% in a trigger from the app settings; an unresolved name keeps that function
        // from loading at all ("'%Name%' does not resolve to a value").
        var names = BindingExpressions().ToList();
        var settings = Deployment.AppSettings(await Bicep.TemplateAsync()).Select(p => p.Key).ToHashSet(StringComparer.Ordinal);

        Assert.NotEmpty(names);
        Assert.All(names, name => Assert.Contains(name, settings));
    }

    [Fact]
    public async Task AppSettings_DispatchSchedule_DefaultsToA6FieldNcrontabFiringEveryMinute()
    {
        var main = await Bicep.TemplateAsync();
        var (_, value) = Assert.Single(Deployment.AppSettings(main), setting => setting.Key == "DispatchSchedule");
        var mainParameter = Deployment.MainParameterBehind(main, "function", $"[{value}]");

        Assert.NotNull(mainParameter);
        var schedule = main["parameters"]![mainParameter]!["defaultValue"]!.GetValue<string>();
        Assert.True(NcrontabSchedule.Parse(schedule).FiresEveryMinute, $"'{schedule}' leaves minutes without a dispatch pass.");
        // An empty value (`azd env set DISPATCH_SCHEDULE ""`) is refused before anything deploys.
        Assert.True(main["parameters"]![mainParameter]!["minLength"]?.GetValue<int>() >= "* * * * * *".Length);
        // Changeable per environment with `azd env set` (see README, Azure Functions); unset, the default applies.
        Assert.Matches(@"^\$\{[A-Z_]+\}$", Deployment.ParameterFile().GetValueOrDefault(mainParameter) ?? string.Empty);
    }

    private static IEnumerable<string> BindingExpressions()
    {
        var functions = Path.Combine(Path.GetDirectoryName(Bicep.InfraFolder.TrimEnd(Path.DirectorySeparatorChar))!, "src", "FollowUp.Functions", "Functions");
        return Directory.EnumerateFiles(functions, "*.cs", SearchOption.AllDirectories)
            .SelectMany(file => BindingExpression().Matches(File.ReadAllText(file)).Select(match => match.Groups["name"].Value))
            .Distinct(StringComparer.Ordinal);
    }

    [GeneratedRegex("\"%(?<name>[^%\"]+)%\"")]
    private static partial Regex BindingExpression();
}
