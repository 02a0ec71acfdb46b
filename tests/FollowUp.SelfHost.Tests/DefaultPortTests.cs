using System.Net;
using System.Net.Sockets;

namespace FollowUp.SelfHost.Tests;

/// <summary>A self-host given its storage binds no port of its own under the test host, so a busy default port is no reason to stop it.</summary>
public class DefaultPortTests
{
    [Fact]
    public async Task SelfHost_DefaultPortTakenElsewhere_StillStartsUnderTheTestHost()
    {
        using var squatter = new TcpListener(IPAddress.Loopback, 5080);
        try
        {
            squatter.Start();
        }
        catch (SocketException)
        {
            // Something else has it already, which is the case under test too.
        }

        await using var factory = await SelfHostFactory.CreateAsync();
        using var client = factory.CreateApiClient();

        var response = await client.GetAsync(new Uri("/api/rules", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
