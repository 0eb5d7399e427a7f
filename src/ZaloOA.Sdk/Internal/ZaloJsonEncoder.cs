using System.Buffers;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Unicode;

namespace ZaloOA.Sdk.Internal;

/// <summary>
/// Escapes only what JSON itself requires (RFC 8259 §7): the quotation mark, the reverse solidus
/// and the control characters U+0000–U+001F. Everything else, Vietnamese letters and emoji
/// included, is written as UTF-8: "Công an phường" takes 18 bytes instead of the 38 that
/// <c>\uXXXX</c> escapes take. The bodies go server to server and are never embedded in HTML or
/// script, so the HTML-sensitive characters (<c>&lt; &gt; &amp; ' +</c>) that the default encoder
/// escapes need no escaping here, and <see cref="JavaScriptEncoder.UnsafeRelaxedJsonEscaping"/>
/// would still escape every character outside the Basic Multilingual Plane and any it
/// considers unassigned. A lone surrogate, which is not text, is written as <c>\uFFFD</c>.
/// </summary>
internal sealed class ZaloJsonEncoder : JavaScriptEncoder
{
    public static readonly ZaloJsonEncoder Instance = new();

    private static readonly SearchValues<char> MustEscapeOrSurrogate = SearchValues.Create(Chars());

    private static readonly SearchValues<byte> MustEscapeUtf8 = SearchValues.Create(Bytes());

    private ZaloJsonEncoder()
    {
    }

    // \uXXXX is the longest escape written for one UTF-16 code unit.
    public override int MaxOutputCharactersPerInputCharacter => 6;

    public override bool WillEncode(int unicodeScalar) =>
        unicodeScalar < 0x20 || unicodeScalar == '"' || unicodeScalar == '\\' || (unicodeScalar >= 0xD800 && unicodeScalar <= 0xDFFF);

    public override unsafe int FindFirstCharacterToEncode(char* text, int textLength)
    {
        var span = new ReadOnlySpan<char>(text, textLength);
        var offset = 0;
        while (true)
        {
            var i = span[offset..].IndexOfAny(MustEscapeOrSurrogate);
            if (i < 0)
            {
                return -1;
            }

            i += offset;
            // A surrogate pair is one character (an emoji) and stays as it is.
            if (char.IsHighSurrogate(span[i]) && i + 1 < span.Length && char.IsLowSurrogate(span[i + 1]))
            {
                offset = i + 2;
                continue;
            }

            return i;
        }
    }

    public override int FindFirstCharacterToEncodeUtf8(ReadOnlySpan<byte> utf8Text)
    {
        var i = utf8Text.IndexOfAny(MustEscapeUtf8);
        var prefix = i < 0 ? utf8Text : utf8Text[..i];

        // Invalid UTF-8 must be encoded (as U+FFFD); the base class finds where it starts.
        return Utf8.IsValid(prefix) ? i : base.FindFirstCharacterToEncodeUtf8(utf8Text);
    }

    public override unsafe bool TryEncodeUnicodeScalar(int unicodeScalar, char* buffer, int bufferLength, out int numberOfCharactersWritten)
    {
        var destination = new Span<char>(buffer, bufferLength);
        ReadOnlySpan<char> escape = unicodeScalar switch
        {
            '"' => "\\\"",
            '\\' => "\\\\",
            '\n' => "\\n",
            '\r' => "\\r",
            '\t' => "\\t",
            '\b' => "\\b",
            '\f' => "\\f",
            _ => default,
        };
        if (!escape.IsEmpty)
        {
            numberOfCharactersWritten = escape.Length;
            return escape.TryCopyTo(destination);
        }

        // Other control characters (and U+FFFD for a lone surrogate) as \uXXXX, upper-case hex
        // like System.Text.Json's own escaping.
        if (unicodeScalar > 0xFFFF)
        {
            numberOfCharactersWritten = 0;
            return false;
        }

        numberOfCharactersWritten = 6;
        return destination.TryWrite(CultureInfo.InvariantCulture, $"\\u{unicodeScalar:X4}", out _);
    }

    private static string Chars()
    {
        var chars = new List<char> { '"', '\\' };
        for (var c = '\0'; c < ' '; c++)
        {
            chars.Add(c);
        }

        for (var c = '\uD800'; c <= '\uDFFF'; c++)
        {
            chars.Add(c);
        }

        return new string([.. chars]);
    }

    private static byte[] Bytes()
    {
        var bytes = new List<byte> { (byte)'"', (byte)'\\' };
        for (byte b = 0; b < 0x20; b++)
        {
            bytes.Add(b);
        }

        return [.. bytes];
    }
}
