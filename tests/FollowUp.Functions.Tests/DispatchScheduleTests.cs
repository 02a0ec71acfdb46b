using System.Text.RegularExpressions;

namespace FollowUp.Functions.Tests;

public partial class DispatchScheduleTests
{
    [Fact]
    public void DispatchTimer_Schedule_IsOneAppSettingWithAFlatName()
    {
        var timer = Assert.Single(FunctionCatalog.All, function => function.TimerTrigger is not null && function.Name == "Dispatch");

        Assert.Equal("Dispatch", timer.Name);
        // The whole schedule is %Name%: a literal CRON would fix the period for every environment.
        Assert.Matches(AppSetting(), timer.TimerTrigger!.Schedule);
    }

    [Fact]
    public void DispatchTimer_LocalSettingsExample_GivesTheSettingAScheduleFiringEveryMinute()
    {
        // Without the setting, Core Tools would not load the function at all ("'%Name%' does not resolve to a value").
        var timer = Assert.Single(FunctionCatalog.All, function => function.TimerTrigger is not null && function.Name == "Dispatch");
        var setting = AppSetting().Match(timer.TimerTrigger!.Schedule).Groups["name"].Value;

        Assert.True(FunctionsProject.LocalSettingsExample.TryGetValue(setting, out var expression), $"local.settings.example.json has no {setting}.");
        Assert.True(NcrontabSchedule.Parse(expression).FiresEveryMinute, $"'{expression}' leaves minutes without a dispatch pass.");
    }

    /// <summary>A whole-string binding expression whose name has no ':' or '__' (the same as app setting and configuration key).</summary>
    [GeneratedRegex("^%(?<name>[A-Za-z][A-Za-z0-9]*)%$")]
    private static partial Regex AppSetting();
}
