using System.Net;
using FollowUp.Webhooks;

namespace FollowUp.Core.Tests.Webhooks;

public class NetworkGuardTests
{
    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("10.1.2.3")]
    [InlineData("172.16.0.1")]
    [InlineData("172.31.255.255")]
    [InlineData("192.168.1.1")]
    [InlineData("169.254.169.254")]
    [InlineData("100.64.0.1")]
    [InlineData("0.0.0.0")]
    [InlineData("::1")]
    [InlineData("fe80::1")]
    [InlineData("fd00::1")]
    [InlineData("::ffff:10.0.0.1")]
    public void IsPrivate_AddressesInsideTheNetworkFollowUpRunsIn_AreRefused(string address) =>
        Assert.True(NetworkGuard.IsPrivate(IPAddress.Parse(address)));

    [Theory]
    [InlineData("93.184.216.34")]
    [InlineData("172.32.0.1")]
    [InlineData("2606:2800:220:1:248:1893:25c8:1946")]
    public void IsPrivate_PublicAddresses_AreAllowed(string address) =>
        Assert.False(NetworkGuard.IsPrivate(IPAddress.Parse(address)));

    [Fact]
    public async Task ConnectPublicAsync_ANameThatResolvesToLoopback_IsRefusedWhenTheConnectionIsMade()
    {
        using var handler = new SocketsHttpHandler { ConnectCallback = NetworkGuard.ConnectPublicAsync };
        using var client = new HttpClient(handler);

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => client.GetAsync(new Uri("http://localhost:9/")));

        Assert.Contains("private network", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void RetryAfter_FollowsTheScheduleAndStaysAtTenHours() =>
        Assert.Equal(
            [TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(30), TimeSpan.FromHours(2), TimeSpan.FromHours(5), TimeSpan.FromHours(10), TimeSpan.FromHours(10)],
            Enumerable.Range(1, 8).Select(WebhookSender.RetryAfter));
}
