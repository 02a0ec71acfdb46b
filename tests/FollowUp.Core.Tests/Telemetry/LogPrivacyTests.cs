using System.Collections.Concurrent;
using FollowUp.Events;
using FollowUp.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace FollowUp.Core.Tests.Telemetry;

public class LogPrivacyTests
{
    [Fact]
    public async Task Pipeline_FailuresThatQuoteTheCustomer_LogNoAddressOrName()
    {
        var logs = new CapturingLoggerProvider();
        await using var harness = await PipelineHarness.CreateAsync(services: services => services.AddLogging(builder => builder.AddProvider(logs).SetMinimumLevel(LogLevel.Trace)));
        await FollowUp.Core.Tests.Dispatch.DispatcherIsolationTests.SaveRuleWithTemplateAsync(harness, "bad-money", subject: "Hei {{ customer.name }}", html: "<p>{{ customer.email | money 'NOK' }}</p>");
        await harness.Services.GetRequiredService<FollowUp.Rules.RuleBook>().SaveAsync(new FollowUp.Rules.Rule
        {
            Id = "bad-condition",
            Trigger = EventTypes.OrderPlaced,
            Condition = "customer.email | math.round",
            Delay = "PT1H",
            TemplateId = "thank-you",
        }, expectedVersion: null);
        harness.SendGrid.Enqueue(FakeSendGridResponse.BadRequest);

        await harness.IngestAsync(TestEvents.Order(EventTypes.OrderPlaced, "A-1", email: "kari.secret@example.com"));
        await harness.AdvanceAndDispatchAsync(TimeSpan.FromHours(1));

        Assert.NotEmpty(logs.Lines);
        Assert.DoesNotContain(logs.Lines, line => line.Contains("kari.secret", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(logs.Lines, line => line.Contains("Kari Nordmann", StringComparison.OrdinalIgnoreCase));
    }

    private sealed class CapturingLoggerProvider : ILoggerProvider
    {
        private readonly ConcurrentQueue<string> _lines = new();

        public IReadOnlyList<string> Lines => _lines.ToArray();

        public ILogger CreateLogger(string categoryName) => new Logger(_lines);

        public void Dispose()
        {
        }

        private sealed class Logger(ConcurrentQueue<string> lines) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                lines.Enqueue(formatter(state, exception) + " " + exception?.Message);
        }
    }
}
