using System.Collections.Concurrent;
using System.Diagnostics;
using FollowUp.Events;
using FollowUp.Telemetry;
using FollowUp.Testing;

namespace FollowUp.Core.Tests.Telemetry;

public class FollowUpTelemetryTests
{
    [Fact]
    public async Task Spans_IngestAndDispatch_CarryTheMessageIdAndNoPersonalData()
    {
        var spans = new ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == FollowUpTelemetry.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = spans.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);
        await using var harness = await PipelineHarness.CreateAsync();

        var id = (await harness.IngestAsync(TestEvents.Order(EventTypes.OrderPlaced, "T-1", email: "telemetry.person@example.com"))).Scheduled.Single().MessageId!;
        await harness.AdvanceAndDispatchAsync(TimeSpan.FromHours(1));

        var dispatch = Assert.Single(spans, s => s.OperationName == "dispatch message" && (string?)s.GetTagItem(FollowUpTelemetry.MessageIdTag) == id);
        Assert.Equal("sent", dispatch.GetTagItem(FollowUpTelemetry.OutcomeTag));
        Assert.Equal("thank-you", dispatch.GetTagItem(FollowUpTelemetry.RuleIdTag));
        Assert.Contains(spans, s => s.OperationName == "ingest event" && (string?)s.GetTagItem(FollowUpTelemetry.EventTypeTag) == EventTypes.OrderPlaced);
        Assert.DoesNotContain(spans.SelectMany(s => s.TagObjects), tag => tag.Value?.ToString()?.Contains('@', StringComparison.Ordinal) == true);
    }
}
