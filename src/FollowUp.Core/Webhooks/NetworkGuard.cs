using System.Net;
using System.Net.Sockets;

namespace FollowUp.Webhooks;

/// <summary>
/// Keeps webhook deliveries out of private networks: the address a receiver's name resolves to is checked when the
/// connection is made (so a name that resolves to 10.0.0.5 later than it was checked does not slip through), and a
/// literal private address is refused when the subscription is saved.
/// </summary>
public static class NetworkGuard
{
    /// <summary>Azure's platform address (its DNS, the VM agent's host), reachable from every VM and Functions host.</summary>
    private static readonly IPAddress AzureWireServer = IPAddress.Parse("168.63.129.16");

    public static bool IsPrivate(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (IPAddress.IsLoopback(address) || address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any) || address.Equals(IPAddress.IPv6None))
        {
            return true;
        }

        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            var b = address.GetAddressBytes();
            return b[0] == 10 || b[0] == 0 || b[0] == 127 || (b[0] == 172 && b[1] is >= 16 and <= 31) || (b[0] == 192 && b[1] == 168)
                || (b[0] == 169 && b[1] == 254) || (b[0] == 100 && b[1] is >= 64 and <= 127) || b[0] >= 224
                || address.Equals(AzureWireServer);
        }

        // NAT64 (64:ff9b::/96) reaches the IPv4 address in its last four bytes.
        var v6 = address.GetAddressBytes();
        if (v6[0] == 0x00 && v6[1] == 0x64 && v6[2] == 0xff && v6[3] == 0x9b && v6.AsSpan(4, 8).IndexOfAnyExcept((byte)0) < 0)
        {
            return IsPrivate(new IPAddress(v6.AsSpan(12, 4)));
        }

        return address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6UniqueLocal || address.IsIPv6Multicast;
    }

    /// <summary>A <see cref="SocketsHttpHandler.ConnectCallback"/> that connects only to public addresses.</summary>
    public static async ValueTask<Stream> ConnectPublicAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var addresses = await Dns.GetHostAddressesAsync(context.DnsEndPoint.Host, cancellationToken).ConfigureAwait(false);
        var allowed = addresses.Where(address => !IsPrivate(address)).ToArray();
        if (allowed.Length == 0)
        {
            throw new HttpRequestException($"{context.DnsEndPoint.Host} is on a private network, where webhooks are not sent (FollowUp:Webhooks:AllowPrivateNetworks).");
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(allowed, context.DnsEndPoint.Port, cancellationToken).ConfigureAwait(false);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
