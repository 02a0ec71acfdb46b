using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using FollowUp.Events;
using FollowUp.Messages;
using FollowUp.Rules;
using FollowUp.Storage;
using FollowUp.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace FollowUp.Core.Tests.Dispatch;

/// <summary>
/// A rule enabled or deleted between a dispatcher's hold marker and its hold: the release (or cancel) finds the marker,
/// sees the message still scheduled, and removes the marker; the hold that follows then has no marker, so neither the
/// dispatcher's own re-check nor the sweep ever finds it again.
/// </summary>
public class HeldMessageRaceTests
{
    [Fact]
    public async Task RuleEnabledBetweenHoldMarkerAndHold_MessageIsReleasedAndSent()
    {
        var hook = new AfterHoldMarker();
        await using var harness = await PipelineHarness.CreateAsync(services: hook.InstallIn);
        var rules = harness.Services.GetRequiredService<RuleBook>();
        var id = (await harness.IngestAsync(TestEvents.Order(EventTypes.OrderPlaced, "H-1"))).Scheduled.Single().MessageId!;
        var rule = (await rules.GetAsync("thank-you"))!;
        await rules.SaveAsync(rule with { Enabled = false }, expectedVersion: null);

        // What PUT /api/rules/thank-you with enabled: true does, landing just after the dispatcher wrote its marker.
        hook.Arm(async () =>
        {
            var (saved, _) = await rules.SaveAsync(rule with { Enabled = true }, expectedVersion: null);
            await harness.Dispatcher.ReleaseHeldAsync(saved);
        });
        await harness.AdvanceAndDispatchAsync(TimeSpan.FromHours(1));
        Assert.True(hook.Fired);

        // The rule is enabled: later passes (and the once-a-minute sweep) must send it.
        await harness.AdvanceAndDispatchAsync(TimeSpan.FromMinutes(2));
        await harness.AdvanceAndDispatchAsync(TimeSpan.FromMinutes(2));

        var message = await harness.MessageAsync(id);
        Assert.Equal(MessageStatus.Sent, message.GetStatus());
    }

    [Fact]
    public async Task RuleDeletedBetweenHoldMarkerAndHold_MessageIsCancelledNotHeldForever()
    {
        var hook = new AfterHoldMarker();
        await using var harness = await PipelineHarness.CreateAsync(services: hook.InstallIn);
        var rules = harness.Services.GetRequiredService<RuleBook>();
        var id = (await harness.IngestAsync(TestEvents.Order(EventTypes.OrderPlaced, "H-2"))).Scheduled.Single().MessageId!;
        var rule = (await rules.GetAsync("thank-you"))!;
        await rules.SaveAsync(rule with { Enabled = false }, expectedVersion: null);

        // What DELETE /api/rules/thank-you does, landing just after the dispatcher wrote its marker.
        hook.Arm(async () =>
        {
            await rules.DeleteAsync("thank-you");
            await harness.Dispatcher.CancelHeldAsync("thank-you");
        });
        await harness.AdvanceAndDispatchAsync(TimeSpan.FromHours(1));
        Assert.True(hook.Fired);

        await harness.AdvanceAndDispatchAsync(TimeSpan.FromMinutes(2));
        await harness.AdvanceAndDispatchAsync(TimeSpan.FromMinutes(2));

        var message = await harness.MessageAsync(id);
        Assert.Equal(MessageStatus.Cancelled, message.GetStatus());
    }

    /// <summary>Runs an action once, right after the first transaction that writes a hold marker ("held-…" row).</summary>
    private sealed class AfterHoldMarker : HttpPipelinePolicy
    {
        private Func<Task>? _action;

        public bool Fired { get; private set; }

        public void Arm(Func<Task> action) => _action = action;

        public void InstallIn(IServiceCollection services) =>
            services.Replace(ServiceDescriptor.Singleton(provider =>
            {
                var options = new TableClientOptions();
                options.AddPolicy(this, HttpPipelinePosition.PerCall);
                return new TableServiceClient(provider.GetRequiredService<IOptions<StorageOptions>>().Value.ConnectionString, options);
            }));

        public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) =>
            ProcessNext(message, pipeline);

        public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            ArgumentNullException.ThrowIfNull(message);
            var isMarker = _action is not null && message.Request.Method == RequestMethod.Post && message.Request.Uri.Path.EndsWith("$batch", StringComparison.Ordinal) && Body(message).Contains("held-", StringComparison.Ordinal);
            await ProcessNextAsync(message, pipeline).ConfigureAwait(false);
            if (isMarker && Interlocked.Exchange(ref _action, null) is { } action)
            {
                Fired = true;
                await action().ConfigureAwait(false);
            }
        }

        private static string Body(HttpMessage message)
        {
            if (message.Request.Content is not { } content)
            {
                return string.Empty;
            }

            using var buffer = new MemoryStream();
            content.WriteTo(buffer, CancellationToken.None);
            return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
        }
    }
}
