using System.Net;
using System.Net.Sockets;

namespace PromiseBot.Host.Tests.Postgres;

/// <summary>
/// A port on 127.0.0.1 in front of a real server that a test opens and closes: closed, connections are refused (a
/// database that is down); open, they are forwarded byte for byte; closing again cuts the connections in flight (a
/// database lost mid-run).
/// </summary>
public sealed class TcpGate : IAsyncDisposable
{
    private readonly int _target;
    private readonly List<TcpClient> _connections = [];
    private readonly Lock _gate = new();
    private TcpListener? _listener;
    private CancellationTokenSource? _open;

    public TcpGate(int targetPort)
    {
        _target = targetPort;
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        Port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
    }

    /// <summary>The gate's port: point the connection string here instead of at the server.</summary>
    public int Port { get; }

    public void Open()
    {
        _open = new CancellationTokenSource();
        _listener = new TcpListener(IPAddress.Loopback, Port);
        _listener.Start();
        _ = AcceptAsync(_listener, _open.Token);
    }

    public async Task CloseAsync()
    {
        if (_open is null)
        {
            return;
        }

        await _open.CancelAsync();
        _listener!.Stop();
        lock (_gate)
        {
            foreach (var connection in _connections)
            {
                connection.Dispose();
            }

            _connections.Clear();
        }

        _open.Dispose();
        _open = null;
    }

    public async ValueTask DisposeAsync() => await CloseAsync();

    private async Task AcceptAsync(TcpListener listener, CancellationToken closed)
    {
        while (!closed.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await listener.AcceptTcpClientAsync(closed);
            }
            catch (Exception) when (closed.IsCancellationRequested)
            {
                return;
            }
            catch (SocketException)
            {
                return;
            }

            var server = new TcpClient();
            try
            {
                await server.ConnectAsync(IPAddress.Loopback, _target, closed);
            }
            catch (Exception)
            {
                client.Dispose();
                server.Dispose();
                continue;
            }

            lock (_gate)
            {
                _connections.Add(client);
                _connections.Add(server);
            }

            _ = PumpAsync(client, server, closed);
            _ = PumpAsync(server, client, closed);
        }
    }

    private static async Task PumpAsync(TcpClient from, TcpClient to, CancellationToken closed)
    {
        try
        {
            await from.GetStream().CopyToAsync(to.GetStream(), closed);
        }
        catch (Exception)
        {
            // Either side closed or the gate was shut: the other side sees its connection end.
        }
        finally
        {
            from.Dispose();
            to.Dispose();
        }
    }
}
