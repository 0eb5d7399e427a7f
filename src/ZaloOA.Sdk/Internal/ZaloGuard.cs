using System.Globalization;
using System.Text;

namespace ZaloOA.Sdk.Internal;

/// <summary>
/// Client-side checks shared by the area clients. Each failure is a <see cref="ZaloValidationException"/>
/// whose message names the parameter, the limit and what to change, so nothing doomed is sent.
/// </summary>
internal static class ZaloGuard
{
    /// <summary>Creates the validation failure for a wire field (a JSON path rather than a C# parameter).</summary>
    public static ZaloValidationException Invalid(string message, ZaloField field) => new(message, field.ToString());

    /// <summary>Requires a non-blank value.</summary>
    public static string Required(string? value, ZaloField paramName)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new ZaloValidationException($"{paramName} is required; pass a non-empty value.", paramName.ToString());
        }

        return value;
    }

    /// <summary>
    /// Normalises <paramref name="value"/> to NFC (Vietnamese typed on some keyboards arrives
    /// decomposed and would count up to twice as long) and checks its length. Returns the NFC form,
    /// which is what should be sent.
    /// </summary>
    public static string? Text(string? value, ZaloField paramName, int maxLength, bool required)
    {
        if (string.IsNullOrEmpty(value))
        {
            if (required)
            {
                throw new ZaloValidationException($"{paramName} is required; pass non-empty text (at most {maxLength.ToString("N0", CultureInfo.InvariantCulture)} characters).", paramName.ToString());
            }

            return value;
        }

        // A lone surrogate (text cut in the middle of an emoji) would reach the user as garbage.
        var broken = UnpairedSurrogateIndex(value);
        if (broken >= 0)
        {
            throw new ZaloValidationException(
                $"{paramName} has an unpaired UTF-16 surrogate at index {broken.ToString(CultureInfo.InvariantCulture)}, which is not text (was it cut in the middle of an emoji?). Remove it or cut the text on a character boundary.",
                paramName.ToString());
        }

        var nfc = IsPlainNfc(value) || value.IsNormalized(NormalizationForm.FormC) ? value : value.Normalize(NormalizationForm.FormC);
        if (required && string.IsNullOrWhiteSpace(nfc))
        {
            throw new ZaloValidationException($"{paramName} is blank; pass visible text (at most {maxLength.ToString("N0", CultureInfo.InvariantCulture)} characters).", paramName.ToString());
        }

        if (nfc.Length > maxLength)
        {
            throw new ZaloValidationException(
                $"{paramName} is {nfc.Length.ToString("N0", CultureInfo.InvariantCulture)} characters after NFC normalisation; Zalo allows at most {maxLength.ToString("N0", CultureInfo.InvariantCulture)}. Shorten it or split it into several messages.",
                paramName.ToString());
        }

        return nfc;
    }

    /// <summary>
    /// A fast, allocation-free NFC check for the text this SDK mostly sends: every character below
    /// U+0300 (ASCII, Latin-1, Latin Extended-A/B: đ ơ ư ă) or in Latin Extended Additional
    /// U+1E00–U+1EFF (precomposed Vietnamese: ạ ấ ồ ự …) is a starter that is NFC on its own and never
    /// composes with its neighbours, so such a string is NFC. Anything else (combining marks typed
    /// on decomposing keyboards, other scripts) goes to the ICU check. A test checks the claim for
    /// every character and pair in these ranges.
    /// </summary>
    internal static bool IsPlainNfc(ReadOnlySpan<char> value) =>
        !value.ContainsAnyInRange('\u0300', '\u1DFF') && !value.ContainsAnyInRange('\u1F00', '\uFFFF');

    private static int UnpairedSurrogateIndex(string value)
    {
        // Most text has no surrogate at all: one vectorised scan, then the pair check from the first.
        var first = value.AsSpan().IndexOfAnyInRange('\uD800', '\uDFFF');
        if (first < 0)
        {
            return -1;
        }

        for (var i = first; i < value.Length; i++)
        {
            if (char.IsHighSurrogate(value[i]) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(value[i]))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>Checks a list's size (null counts as empty).</summary>
    public static IReadOnlyList<T> Count<T>(IReadOnlyList<T>? items, ZaloField paramName, int min, int max)
    {
        var count = items?.Count ?? 0;
        if (count < min || count > max)
        {
            var range = min == max ? $"exactly {min}" : max == int.MaxValue ? $"at least {min}" : min == 0 ? $"at most {max}" : $"{min} to {max}";
            throw new ZaloValidationException($"{paramName} has {count} item(s); Zalo allows {range}.", paramName.ToString());
        }

        return items ?? [];
    }

    /// <summary>Checks an integer range.</summary>
    public static int Range(int value, ZaloField paramName, int min, int max)
    {
        if (value < min || value > max)
        {
            throw new ZaloValidationException(
                $"{paramName} is {value.ToString(CultureInfo.InvariantCulture)}; it must be between {min.ToString(CultureInfo.InvariantCulture)} and {max.ToString(CultureInfo.InvariantCulture)}.",
                paramName.ToString());
        }

        return value;
    }

    /// <summary>
    /// Requires an absolute http or https URL and returns it percent-encoded: Zalo refuses URLs with
    /// spaces or Vietnamese characters [S], so those are encoded as UTF-8 (an already-encoded URL is
    /// returned unchanged; see <see cref="Articles.ZaloUrl"/>).
    /// </summary>
    public static string HttpUrl(string? value, ZaloField paramName)
    {
        Required(value, paramName);

        // The usual URL (lower-case http(s) scheme, a plain host name, nothing to encode) is
        // accepted without building a Uri: a list with four such URLs allocated four Uri objects.
        if (Articles.ZaloUrl.IsCanonical(value!) && HasPlainHost(value!))
        {
            return value!;
        }

        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            throw new ZaloValidationException($"{paramName} must be an absolute http or https URL, e.g. https://example.com/page.", paramName.ToString());
        }

        // Already-encoded URLs (nearly all) are returned as they are, without a second parse.
        return Articles.ZaloUrl.IsCanonical(value!) ? value! : Articles.ZaloUrl.Normalize(value, paramName);
    }

    /// <summary>
    /// True when the URL (already known to start with <c>http://</c> or <c>https://</c>) has an
    /// authority that <see cref="Uri"/> parses as a host: letters, digits, <c>-</c> and <c>.</c>,
    /// in labels that start and end with a letter or digit, with an optional port of 1 to 5 digits. Anything else
    /// (user info, IPv6 literals, empty hosts) goes to the full parse.
    /// </summary>
    internal static bool HasPlainHost(string url)
    {
        var start = url.IndexOf("://", StringComparison.Ordinal) + 3;
        var end = url.AsSpan(start).IndexOfAny('/', '?', '#');
        var authority = end < 0 ? url.AsSpan(start) : url.AsSpan(start, end);
        var colon = authority.IndexOf(':');
        var host = colon < 0 ? authority : authority[..colon];
        if (host.IsEmpty || host.ContainsAnyExcept(HostChars))
        {
            return false;
        }

        // RFC 1123 labels: non-empty, starting and ending with a letter or digit.
        foreach (var range in host.Split('.'))
        {
            var label = host[range];
            if (label.IsEmpty || !char.IsAsciiLetterOrDigit(label[0]) || !char.IsAsciiLetterOrDigit(label[^1]))
            {
                return false;
            }
        }

        var port = colon < 0 ? default : authority[(colon + 1)..];
        return colon < 0 || (port.Length is >= 1 and <= 5 && !port.ContainsAnyExceptInRange('0', '9') && int.Parse(port, CultureInfo.InvariantCulture) <= 65535);
    }

    private static readonly System.Buffers.SearchValues<char> HostChars =
        System.Buffers.SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-.");
}
