using System.Net;
using System.Net.Sockets;
using System.Text;

namespace ZaloOA.Tests.Common;

/// <summary>
/// A tiny loopback HTTP server for failures WireMock cannot stage deterministically: the n-th
/// request (0-based) gets the answer the script returns for n, or no answer at all (the connection
/// stays open and silent until the server is disposed) when the script returns null; or, with raw
/// answers, exactly the bytes given (to cut a connection mid-answer). Counts the
/// requests it has received, including the ones it never answers.
/// </summary>
public sealed class ScriptedHttpServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly Func<int, byte[]?> _script;
    private readonly Func<int, bool> _stallAfter;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private int _requests;

    /// <summary>Starts the server; <paramref name="script"/> maps a request index to a JSON body
    /// answered with HTTP 200, or to null for "never answer".</summary>
    public ScriptedHttpServer(Func<int, string?> script)
        : this(n => script(n) is { } body ? Ok(body) : null)
    {
    }

    /// <summary>Starts a server that writes, for the n-th request, exactly the bytes the script
    /// returns (status line, headers and any part of a body) and then closes the connection; null
    /// means "never answer". Use it to cut a connection mid-answer. When
    /// <paramref name="stallAfter"/> is true for a request, the connection stays open and silent
    /// after those bytes instead of closing (a body that never finishes).</summary>
    public ScriptedHttpServer(Func<int, byte[]?> rawScript, Func<int, bool>? stallAfter = null)
    {
        _script = rawScript;
        _stallAfter = stallAfter ?? (_ => false);
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

    /// <summary>A complete HTTP 200 answer with a JSON body.</summary>
    public static byte[] Ok(string body)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        var head = $"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {bytes.Length}\r\nConnection: close\r\n\r\n";
        return [.. Encoding.ASCII.GetBytes(head), .. bytes];
    }

    /// <summary>The head of an HTTP 200 answer promising all of <paramref name="body"/> followed by
    /// only its first <paramref name="sent"/> bytes: the connection then closes mid-body.</summary>
    public static byte[] CutMidBody(string body, int sent)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        var head = $"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {bytes.Length}\r\nConnection: close\r\n\r\n";
        return [.. Encoding.ASCII.GetBytes(head), .. bytes.AsSpan(0, Math.Min(sent, bytes.Length))];
    }

    /// <summary>A status line and headers only, then the connection closes before any body.</summary>
    public static byte[] HeadOnly(int contentLength) =>
        Encoding.ASCII.GetBytes($"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {contentLength}\r\n\r\n");

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
                var answer = _script(index);
                if (answer is null)
                {
                    await Task.Delay(Timeout.Infinite, _stop.Token);
                    return;
                }

                await socket.SendAsync(answer, _stop.Token);
                if (_stallAfter(index))
                {
                    await Task.Delay(Timeout.Infinite, _stop.Token);
                    return;
                }

                socket.Shutdown(SocketShutdown.Both);
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
            {
            }
        }
    }
}
