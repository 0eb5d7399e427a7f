using System.Net;
using System.Net.Sockets;
using System.Text;

namespace ZaloOA.Tests.Common;

/// <summary>
/// A tiny loopback HTTP server for failures WireMock cannot stage deterministically: the n-th
/// request (0-based) gets the answer the script returns for n, or no answer at all (the connection
/// stays open and silent until the server is disposed) when the script returns null. Counts the
/// requests it has received, including the ones it never answers.
/// </summary>
public sealed class ScriptedHttpServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly Func<int, string?> _script;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private int _requests;

    /// <summary>Starts the server; <paramref name="script"/> maps a request index to a JSON body
    /// answered with HTTP 200, or to null for "never answer".</summary>
    public ScriptedHttpServer(Func<int, string?> script)
    {
        _script = script;
        _listener.Start();
        _loop = Task.Run(AcceptLoopAsync);
    }

    /// <summary>The server's base address, ending with '/'.</summary>
    public Uri BaseUrl => new($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/");

    /// <summary>How many requests have arrived.</summary>
    public int Requests => Volatile.Read(ref _requests);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try
        {
            await _loop;
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }

        _stop.Dispose();
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var socket = await _listener.AcceptSocketAsync(_stop.Token);
            _ = Task.Run(() => ServeAsync(socket));
        }
    }

    private async Task ServeAsync(Socket socket)
    {
        using (socket)
        {
            try
            {
                var buffer = new byte[16 * 1024];
                var received = new StringBuilder();
                while (!received.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
                {
                    var n = await socket.ReceiveAsync(buffer, _stop.Token);
                    if (n == 0)
                    {
                        return;
                    }

                    received.Append(Encoding.ASCII.GetString(buffer, 0, n));
                }

                var index = Interlocked.Increment(ref _requests) - 1;
                var body = _script(index);
                if (body is null)
                {
                    await Task.Delay(Timeout.Infinite, _stop.Token);
                    return;
                }

                var bytes = Encoding.UTF8.GetBytes(body);
                var head = $"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {bytes.Length}\r\nConnection: close\r\n\r\n";
                await socket.SendAsync(Encoding.ASCII.GetBytes(head), _stop.Token);
                await socket.SendAsync(bytes, _stop.Token);
                socket.Shutdown(SocketShutdown.Both);
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
            {
            }
        }
    }
}
