using System.Net;
using System.Net.Sockets;

namespace FollowUp.SelfHost.Hosting;

/// <summary>Where the self-host listens: <c>--urls</c> or <c>ASPNETCORE_URLS</c>, else <see cref="Default"/>.</summary>
public static class SelfHostUrls
{
    public const string Default = "http://localhost:5080";

    public static string Resolve(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return configuration["urls"] ?? configuration["ASPNETCORE_URLS"] ?? Default;
    }

    /// <summary>The first port of <paramref name="urls"/> that something else already listens on, or null.</summary>
    public static int? TakenPort(string urls)
    {
        ArgumentNullException.ThrowIfNull(urls);
        foreach (var url in urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!Uri.TryCreate(url.Replace("://+", "://localhost", StringComparison.Ordinal).Replace("://*", "://localhost", StringComparison.Ordinal), UriKind.Absolute, out var uri) || uri.Port == 0)
            {
                continue;
            }

            var address = uri.Host is "localhost" ? IPAddress.Loopback : IPAddress.TryParse(uri.Host, out var parsed) ? parsed : IPAddress.Any;
            try
            {
                using var probe = new TcpListener(address, uri.Port);
                probe.Start();
            }
            catch (SocketException ex) when (ex.SocketErrorCode == SocketError.AddressAlreadyInUse)
            {
                return uri.Port;
            }
        }

        return null;
    }

    /// <summary>One line for a port that is taken, saying how to choose another.</summary>
    public static string TakenMessage(int port) =>
        $"Port {port} is already in use: stop what listens there, or start on another port with --urls http://localhost:{port + 1} (or ASPNETCORE_URLS).";
}
