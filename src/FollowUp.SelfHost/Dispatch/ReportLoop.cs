using FollowUp.Reports;

namespace FollowUp.SelfHost.Dispatch;

/// <summary>
/// The self-host's report counting: every few seconds, the messages that changed are counted. A failing pass is
/// logged and tried again; nothing is lost meanwhile, since what changed stays listed until it is counted.
/// </summary>
internal sealed partial class ReportLoop(ReportPump pump, TimeProvider time, ILogger<ReportLoop> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await pump.CountChangesAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                LogPassFailed(logger, ex);
            }

            try
            {
                await Task.Delay(Interval, time, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Counting changes for reports failed; trying again shortly")]
    private static partial void LogPassFailed(ILogger logger, Exception exception);
}
