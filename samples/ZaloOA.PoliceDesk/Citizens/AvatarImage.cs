using ZaloOA.PoliceDesk.Media;
using ZaloOA.PoliceDesk.Zalo.Emulation;

namespace ZaloOA.PoliceDesk.Citizens;

/// <summary>
/// Fetches a citizen's avatar into the desk. The URL comes from Zalo's user detail answer, which the
/// desk treats like a webhook's media URL: a claim. It is fetched only over https from a host on the
/// media allow-list (<see cref="MediaSourcePolicy"/>, <c>Desk:MediaHosts</c>; the emulator's own
/// address in emulator mode), through the media download client (public addresses only, no
/// redirects followed), at most <see cref="CitizenOptions.MaxAvatarBytes"/>, and kept only when its
/// first bytes are a JPEG, PNG, GIF or WebP image. The officer's browser is then given the stored
/// bytes, never the URL.
/// </summary>
public sealed class AvatarImage(IHttpClientFactory httpClients, MediaSourcePolicy sources, IServiceProvider services)
{
    private readonly Uri? _emulator = services.GetService<DeskEmulator>()?.Emulator.BaseUrl;

    /// <summary>The image types kept (and rendered as <c>data:</c> URIs).</summary>
    public static bool IsAllowedType(string? contentType) =>
        contentType is "image/jpeg" or "image/png" or "image/gif" or "image/webp";

    /// <summary>Why <paramref name="url"/> is not fetched, or null when it may be.</summary>
    public string? Refusal(string? url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            return "not an absolute URL";
        }

        var emulator = _emulator is not null && uri.Port == _emulator.Port && string.Equals(uri.Host, _emulator.Host, StringComparison.OrdinalIgnoreCase);
        if (uri.Scheme != Uri.UriSchemeHttps && !emulator)
        {
            return "not https";
        }

        return sources.Refusal(uri) is null ? null : "host not on Desk:MediaHosts";
    }

    /// <summary>The image and its sniffed type, or null (refused, too large, not an image, or the host
    /// answered with an error). Transport failures throw (the caller retries later).</summary>
    public async Task<(byte[] Bytes, string ContentType)?> FetchAsync(string? url, int maxBytes, CancellationToken cancellationToken = default)
    {
        if (Refusal(url) is not null)
        {
            return null;
        }

        var http = httpClients.CreateClient(MediaDownloadWorker.HttpClientName);
        using var response = await http.GetAsync(new Uri(url!), HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        if (!response.IsSuccessStatusCode || response.Content.Headers.ContentLength > maxBytes)
        {
            return null;
        }

        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        var buffer = new byte[maxBytes + 1];
        var length = 0;
        int read;
        while (length < buffer.Length && (read = await stream.ReadAsync(buffer.AsMemory(length), cancellationToken)) > 0)
        {
            length += read;
        }

        if (length > maxBytes)
        {
            return null;
        }

        var bytes = buffer[..length];
        return Sniff(bytes) is { } type ? (bytes, type) : null;
    }

    /// <summary>The image type from the first bytes, or null.</summary>
    public static string? Sniff(ReadOnlySpan<byte> b) => b switch
    {
        [0xFF, 0xD8, 0xFF, ..] => "image/jpeg",
        [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, ..] => "image/png",
        [0x47, 0x49, 0x46, 0x38, ..] => "image/gif",
        [0x52, 0x49, 0x46, 0x46, _, _, _, _, 0x57, 0x45, 0x42, 0x50, ..] => "image/webp",
        _ => null,
    };
}
