namespace FollowUp.Functions.Tests;

public class DispatchScheduleTests
{
    [Fact]
    public void DispatchTimer_Schedule_IsNcrontabFiringAtLeastEveryMinute()
    {
        var timer = Assert.Single(FunctionCatalog.All, function => function.TimerTrigger is not null);

        var schedule = NcrontabSchedule.Parse(timer.TimerTrigger!.Schedule);

        Assert.Equal("Dispatch", timer.Name);
        Assert.True(schedule.FiresEveryMinute, $"'{timer.TimerTrigger.Schedule}' leaves minutes without a dispatch pass.");
    }
}
