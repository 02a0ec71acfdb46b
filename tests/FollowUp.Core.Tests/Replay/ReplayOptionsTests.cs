using FollowUp.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace FollowUp.Core.Tests.Replay;

public class ReplayOptionsTests
{
    [Theory]
    [InlineData("P0D")]
    [InlineData("PT12H")]
    [InlineData("90 days")]
    [InlineData("P4000D")]
    public async Task Retention_NotADurationFromADayToTenYears_FailsNamingTheSetting(string value)
    {
        await using var harness = await PipelineHarness.CreateAsync(settings => settings["FollowUp:Replay:Retention"] = value, seedDefaults: false);

        var error = Assert.Throws<OptionsValidationException>(() => harness.Services.GetRequiredService<IOptions<ReplayOptions>>().Value);

        Assert.Contains("FollowUp:Replay:Retention", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Retention_Default_IsNinetyDays()
    {
        await using var harness = await PipelineHarness.CreateAsync(seedDefaults: false);

        Assert.Equal(TimeSpan.FromDays(90), harness.Services.GetRequiredService<IOptions<ReplayOptions>>().Value.RetentionSpan());
    }
}
