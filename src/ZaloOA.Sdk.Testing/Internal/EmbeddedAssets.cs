using System.Collections.Concurrent;

namespace ZaloOA.Sdk.Testing.Internal;

// The simulator's page, script and styles, and the article page's styles, shipped inside the
// assembly (Simulator/Assets) so the package needs no static-files set-up in the app.
internal static class EmbeddedAssets
{
    private const string Prefix = "ZaloOA.Sdk.Testing.Assets.";
    private static readonly ConcurrentDictionary<string, (byte[] Content, string ContentType)?> Cache = new(StringComparer.Ordinal);

    public static (byte[] Content, string ContentType)? Find(string name) => Cache.GetOrAdd(name, Load);

    private static (byte[] Content, string ContentType)? Load(string name)
    {
        var contentType = Path.GetExtension(name) switch
        {
            ".html" => "text/html; charset=utf-8",
            ".js" => "text/javascript; charset=utf-8",
            ".css" => "text/css; charset=utf-8",
            _ => null,
        };
        using var stream = contentType is null ? null : typeof(EmbeddedAssets).Assembly.GetManifestResourceStream(Prefix + name);
        if (stream is null)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return (buffer.ToArray(), contentType!);
    }
}
