using System.Buffers;
using System.Globalization;
using System.Text;
using ZaloOA.Sdk.Internal;

namespace ZaloOA.Sdk.Articles;

/// <summary>
/// Makes URLs acceptable to Zalo. Zalo refuses a <c>photo_url</c> that contains spaces or
/// Vietnamese characters (<c>-201 photo_url … is invalid</c>) [S], so the SDK percent-encodes
/// every character that may not appear raw in a URI (space, non-ASCII, <c>"&lt;&gt;\^`{|}</c>, a
/// <c>%</c> not followed by two hex digits) as UTF-8 of the NFC form, and keeps everything else,
/// including existing <c>%XX</c> escapes. Encoding an encoded URL therefore changes nothing.
/// </summary>
internal static class ZaloUrl
{
    /// <summary>Returns the encoded absolute http(s) URL, or throws <see cref="ZaloValidationException"/>.</summary>
    public static string Normalize(string? url, ZaloField paramName)
    {
        if (string.IsNullOrWhiteSpace(url))
        {
            throw new ZaloValidationException($"{paramName} is required: give an absolute http(s) URL.", paramName.ToString());
        }

        var text = url.Trim().Normalize(NormalizationForm.FormC);
        var schemeEnd = text.IndexOf("://", StringComparison.Ordinal);
        var scheme = schemeEnd > 0 ? text[..schemeEnd] : string.Empty;
        if (!scheme.Equals("http", StringComparison.OrdinalIgnoreCase) && !scheme.Equals("https", StringComparison.OrdinalIgnoreCase))
        {
            throw new ZaloValidationException($"{paramName} \"{url}\" is not an absolute http(s) URL; Zalo only fetches http:// and https:// addresses.", paramName.ToString());
        }

        var rest = text[(schemeEnd + 3)..];
        var authorityEnd = rest.IndexOfAny(['/', '?', '#']);
        var authority = authorityEnd < 0 ? rest : rest[..authorityEnd];
        var tail = authorityEnd < 0 ? string.Empty : rest[authorityEnd..];
        if (authority.Length == 0 || authority.Any(char.IsWhiteSpace))
        {
            throw new ZaloValidationException($"{paramName} \"{url}\" has no valid host.", paramName.ToString());
        }

        if (!authority.All(char.IsAscii))
        {
            // A Vietnamese host name (IDN) is written in punycode on the wire.
            try
            {
                authority = new IdnMapping().GetAscii(authority);
            }
            catch (ArgumentException)
            {
                throw new ZaloValidationException($"{paramName} \"{url}\" has a host name that is not valid.", paramName.ToString());
            }
        }

        var result = scheme.ToLowerInvariant() + "://" + authority + Encode(tail);
        if (!Uri.TryCreate(result, UriKind.Absolute, out var parsed) || string.IsNullOrEmpty(parsed.Host))
        {
            throw new ZaloValidationException($"{paramName} \"{url}\" is not a valid URL.", paramName.ToString());
        }

        return result;
    }

    /// <summary>
    /// True when <see cref="Normalize"/> would return <paramref name="url"/> unchanged (lower-case
    /// http(s) scheme, only characters allowed raw in a URI, valid <c>%XX</c> escapes): the usual
    /// case, checked without allocating. The caller still validates the URL itself.
    /// </summary>
    public static bool IsCanonical(string url)
    {
        if (!url.StartsWith("https://", StringComparison.Ordinal) && !url.StartsWith("http://", StringComparison.Ordinal))
        {
            return false;
        }

        // Vectorised skip over the allowed characters; only a '%' (or a refused character) stops it.
        var rest = url.AsSpan();
        while (true)
        {
            var i = rest.IndexOfAnyExcept(Allowed);
            if (i < 0)
            {
                return true;
            }

            if (rest[i] != '%' || i + 2 >= rest.Length || !char.IsAsciiHexDigit(rest[i + 1]) || !char.IsAsciiHexDigit(rest[i + 2]))
            {
                return false;
            }

            rest = rest[(i + 3)..];
        }
    }

    /// <summary>Null stays null; anything else is normalised.</summary>
    public static string? NormalizeOptional(string? url, string paramName) =>
        url is null ? null : Normalize(url, paramName);

    private static string Encode(string tail)
    {
        StringBuilder? sb = null;
        Span<byte> utf8 = stackalloc byte[4];
        for (var i = 0; i < tail.Length; i++)
        {
            var c = tail[i];
            if (IsAllowed(c) || (c == '%' && i + 2 < tail.Length && char.IsAsciiHexDigit(tail[i + 1]) && char.IsAsciiHexDigit(tail[i + 2])))
            {
                sb?.Append(c);
                continue;
            }

            sb ??= new StringBuilder(tail, 0, i, tail.Length + 16);
            var length = char.IsHighSurrogate(c) && i + 1 < tail.Length
                ? Encoding.UTF8.GetBytes(tail.AsSpan(i++, 2), utf8)
                : Encoding.UTF8.GetBytes(tail.AsSpan(i, 1), utf8);
            foreach (var b in utf8[..length])
            {
                sb.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
        }

        return sb?.ToString() ?? tail;
    }

    // RFC 3986 unreserved, gen-delims and sub-delims: everything that may appear raw in a URI.
    private static readonly SearchValues<char> Allowed =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~:/?#[]@!$&'()*+,;=");

    private static bool IsAllowed(char c) => Allowed.Contains(c);
}
