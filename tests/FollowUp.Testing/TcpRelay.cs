using System.Net;
using System.Net.Sockets;

namespace FollowUp.Testing;

/// <summary>
/// A loopback TCP relay to another loopback port, so that a test can take a dependency away from a running host and
/// give it back: <see cref="Close"/> stops listening and cuts every open connection, so the port refuses as a storage
/// account that has gone away does; <see cref="Open"/> listens on the same port again.
/// </summary>
public sealed class TcpRelay : IAsyncDisposable
{
    private readonly int _targetPort;
    private readonly List<TcpClient> _connections = [];
    private TcpListener? _listener;
    private CancellationTokenSource? _closed;
    private Task _accepting = Task.CompletedTask;

    public TcpRelay(int targetPort)
    {
        _targetPort = targetPort;
        Open();
    }

    public int Port { get; private set; }

    public void Open()
    {
        if (_listener is not null)
        {
            return;
        }

        var listener = new TcpListener(IPAddress.Loopback, Port);
        listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        listener.Start();
        Port = ((IPEndPoint)listener.LocalEndpoint).Port;
        _listener = listener;
        _closed = new CancellationTokenSource();
        _accepting = AcceptAsync(listener, _closed.Token);
    }

    public void Close()
    {
        if (_listener is null)
        {
            return;
        }

        _closed!.Cancel();
        _listener.Stop();
        _listener = null;
        lock (_connections)
        {
            foreach (var connection in _connections)
            {
                connection.Dispose();
            }

            _connections.Clear();
        }
    }

    public async ValueTask DisposeAsync()
    {
        Close();
        await _accepting.ConfigureAwait(false);
        _closed?.Dispose();
    }

    private async Task AcceptAsync(TcpListener listener, CancellationToken closed)
    {
        while (!closed.IsCancellationRequested)
        {
            TcpClient inbound;
            try
            {
                inbound = await listener.AcceptTcpClientAsync(closed).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            _ = RelayAsync(inbound, closed);
        }
    }

    private async Task RelayAsync(TcpClient inbound, CancellationToken closed)
    {
        var outbound = new TcpClient();
        lock (_connections)
        {
            _connections.Add(inbound);
            _connections.Add(outbound);
        }

        try
        {
            await outbound.ConnectAsync(IPAddress.Loopback, _targetPort, closed).ConfigureAwait(false);
            using var inboundStream = inbound.GetStream();
            using var outboundStream = outbound.GetStream();
            await Task.WhenAny(
                inboundStream.CopyToAsync(outboundStream, closed),
                outboundStream.CopyToAsync(inboundStream, closed)).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or SocketException or ObjectDisposedException)
        {
            // Closed, or one side went away: both are cut below.
        }
        finally
        {
            inbound.Dispose();
            outbound.Dispose();
            lock (_connections)
            {
                _connections.Remove(inbound);
                _connections.Remove(outbound);
            }
        }
    }
}
