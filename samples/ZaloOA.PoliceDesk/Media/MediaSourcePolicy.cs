using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;
using ZaloOA.PoliceDesk.Configuration;
using ZaloOA.PoliceDesk.Zalo.Emulation;

namespace ZaloOA.PoliceDesk.Media;

/// <summary>
/// Where citizens' media may be downloaded from. A media URL arrives in a webhook, so it is a
/// claim: even with a valid signature, the desk fetches it only when
/// <list type="number">
/// <item>its scheme is http or https and its host is on the allow-list (<see cref="DeskOptions.MediaHosts"/>,
/// Zalo's CDN by default; a name matches itself and its subdomains), checked before the request and
/// again for every redirect (<see cref="Refusal"/>);</item>
/// <item>the address the connection is actually opened to is public: the check runs in
/// <see cref="SocketsHttpHandler.ConnectCallback"/> on the resolved addresses, so a host name that
/// resolves (or re-resolves, DNS rebinding) to loopback, a private, link-local or multicast address
/// is never connected to.</item>
/// </list>
/// In emulator mode the emulator's own address (loopback, exact host and port) is allowed too.
/// </summary>
public sealed class MediaSourcePolicy
{
    private readonly string[] _hosts;
    private readonly Uri? _emulator;

    /// <summary>Reads the allow-list; in emulator mode adds the emulator's exact address.</summary>
    public MediaSourcePolicy(IOptions<DeskOptions> options, IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(services);
        var configured = options.Value.MediaHosts.Where(h => !string.IsNullOrWhiteSpace(h)).ToList();
        _hosts = [.. (configured.Count > 0 ? configured : DeskOptions.DefaultMediaHosts).Select(h => h.Trim().TrimStart('.').ToLowerInvariant())];
        _emulator = services.GetService<DeskEmulator>()?.Emulator.BaseUrl;
    }

    /// <summary>Why <paramref name="uri"/> may not be fetched (Vietnamese, for the media row), or null when it may.</summary>
    public string? Refusal(Uri uri)
    {
        ArgumentNullException.ThrowIfNull(uri);
        if (!uri.IsAbsoluteUri || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            return "Địa chỉ tệp không hợp lệ (chỉ http/https).";
        }

        if (IsEmulator(uri.Host, uri.Port))
        {
            return null;
        }

        var host = uri.IdnHost.ToLowerInvariant();
        var allowed = uri.HostNameType == UriHostNameType.Dns
            && _hosts.Any(h => host == h || host.EndsWith("." + h, StringComparison.Ordinal));
        return allowed ? null : $"Máy chủ {uri.Host} không thuộc danh sách được phép tải tệp (Desk:MediaHosts).";
    }

    /// <summary>The download handler: no proxy (the address check must see the real peer), no
    /// automatic redirects (the worker checks each one), connections only to public addresses.</summary>
    public SocketsHttpHandler CreateHandler() => new()
    {
        AllowAutoRedirect = false,
        UseProxy = false,
        UseCookies = false,
        ConnectCallback = ConnectAsync,
    };

    /// <summary>Resolves the host and connects to its first public address; refuses when it has none.</summary>
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var endpoint = context.DnsEndPoint;
        var addresses = await Dns.GetHostAddressesAsync(endpoint.Host, cancellationToken).ConfigureAwait(false);
        var exempt = IsEmulator(endpoint.Host, endpoint.Port);
        var usable = addresses.Where(a => exempt || IsPublic(a)).ToArray();
        if (usable.Length == 0)
        {
            throw new MediaSourceRefusedException(
                $"Máy chủ {endpoint.Host} trỏ tới địa chỉ nội bộ hoặc không công khai ({(addresses.Length == 0 ? "không có" : addresses[0].ToString())}); không tải.");
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(usable, endpoint.Port, cancellationToken).ConfigureAwait(false);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>True for an address on the public internet: not loopback, private (RFC 1918, unique
    /// local), shared (100.64/10), link-local, multicast, unspecified, broadcast or reserved.</summary>
    public static bool IsPublic(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (IPAddress.IsLoopback(address))
        {
            return false;
        }

        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            Span<byte> b = stackalloc byte[4];
            address.TryWriteBytes(b, out _);
            return !(b[0] == 0 || b[0] == 10 || b[0] == 127
                || (b[0] == 100 && b[1] >= 64 && b[1] < 128)
                || (b[0] == 169 && b[1] == 254)
                || (b[0] == 172 && b[1] >= 16 && b[1] < 32)
                || (b[0] == 192 && b[1] == 0 && b[2] == 0)
                || (b[0] == 192 && b[1] == 168)
                || (b[0] == 198 && (b[1] == 18 || b[1] == 19))
                || b[0] >= 224);
        }

        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            Span<byte> b = stackalloc byte[16];
            address.TryWriteBytes(b, out _);
            return !(address.Equals(IPAddress.IPv6None) || address.IsIPv6LinkLocal || address.IsIPv6SiteLocal
                || address.IsIPv6Multicast || address.IsIPv6UniqueLocal
                // NAT64 and 6to4 wrap IPv4 addresses that were not checked.
                || (b[0] == 0x00 && b[1] == 0x64 && b[2] == 0xff && b[3] == 0x9b)
                || (b[0] == 0x20 && b[1] == 0x02));
        }

        return false;
    }

    private bool IsEmulator(string host, int port) =>
        _emulator is not null && port == _emulator.Port && string.Equals(host, _emulator.Host, StringComparison.OrdinalIgnoreCase);
}

/// <summary>A media source refused by <see cref="MediaSourcePolicy"/>; the message says why (Vietnamese).</summary>
public sealed class MediaSourceRefusedException(string message) : IOException(message);
