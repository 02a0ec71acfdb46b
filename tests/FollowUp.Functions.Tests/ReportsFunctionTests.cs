using FollowUp.Http;

namespace FollowUp.Functions.Tests;

public class ReportsFunctionTests
{
    [Fact]
    public void ChangeFeed_IsATimerThatFiresEveryMinute()
    {
        var timer = Assert.Single(FunctionCatalog.All, function => function.Name == "ChangeFeed");

        Assert.NotNull(timer.TimerTrigger);
        Assert.True(NcrontabSchedule.Parse(timer.TimerTrigger!.Schedule).FiresEveryMinute, "Counting must not leave a minute's changes uncounted until the next.");
    }

    [Fact]
    public void ReportSummary_IsTheSameRouteAsTheSelfHosts_GatedByFollowUp()
    {
        var summary = Assert.Single(FunctionCatalog.Http, function => function.Name == "ReportSummary");

        Assert.Equal(FollowUpRoutes.ReportSummary, summary.HttpTrigger!.Route);
        // Anonymous to the host: FollowUp's ApiGate checks the caller (see FunctionDeclarationTests).
        Assert.Equal(Microsoft.Azure.Functions.Worker.AuthorizationLevel.Anonymous, summary.HttpTrigger.AuthLevel);
        Assert.Equal(["get"], summary.HttpTrigger.Methods ?? []);
    }
}
