using FollowUp.Dispatch;
using FollowUp.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace FollowUp.Core.Tests.Dispatch;

public class DispatchOptionsValidatorTests
{
    [Theory]
    [InlineData("Parallelism", "0")]
    [InlineData("BatchSize", "5000")]
    [InlineData("MaxAttempts", "0")]
    [InlineData("ClaimDuration", "00:00:00")]
    [InlineData("ClaimDuration", "00:00:20")]
    [InlineData("MaxRetryDelay", "00:00:01")]
    public async Task Options_OutOfRange_FailNamingTheSetting(string setting, string value)
    {
        await using var harness = await PipelineHarness.CreateAsync(settings => settings[$"FollowUp:Dispatch:{setting}"] = value, seedDefaults: false);

        var error = Assert.Throws<OptionsValidationException>(() => harness.Services.GetRequiredService<IOptions<DispatchOptions>>().Value);

        Assert.Contains($"FollowUp:Dispatch:{setting}", error.Message, StringComparison.Ordinal);
    }
}
