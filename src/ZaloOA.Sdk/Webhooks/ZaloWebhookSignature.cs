using System.Buffers;
using System.Security.Cryptography;
using System.Text;

namespace ZaloOA.Sdk.Webhooks;

/// <summary>
/// Zalo's webhook signature: header <c>X-ZEvent-Signature: mac=&lt;hex&gt;</c> where
/// <c>hex = lowercase_hex(SHA-256(appId + rawBody + timestamp + oaSecretKey))</c>. It is a plain
/// SHA-256 of the concatenation, not an HMAC; <c>rawBody</c> is the body byte for byte as received
/// (never re-serialised), <c>timestamp</c> is the <c>timestamp</c> field inside the body, and the
/// key is the OA secret key from the app's Webhook settings, not the app secret.
/// </summary>
public static class ZaloWebhookSignature
{
    /// <summary>The header Zalo signs webhooks in.</summary>
    public const string HeaderName = "X-ZEvent-Signature";

    /// <summary>
    /// Computes the lower-case hex mac (without the <c>mac=</c> prefix) of a webhook body. Use it in
    /// tests to sign bodies the way Zalo does.
    /// </summary>
    /// <param name="appId">The Zalo app id.</param>
    /// <param name="rawBody">The body bytes exactly as sent.</param>
    /// <param name="timestamp">The body's <c>timestamp</c> field, as its string.</param>
    /// <param name="oaSecretKey">The OA secret key from the webhook settings.</param>
    public static string Compute(string appId, ReadOnlySpan<byte> rawBody, string timestamp, string oaSecretKey)
    {
        ArgumentNullException.ThrowIfNull(appId);
        ArgumentNullException.ThrowIfNull(timestamp);
        ArgumentNullException.ThrowIfNull(oaSecretKey);
        Span<byte> hash = stackalloc byte[32];
        ComputeHash(appId, rawBody, timestamp, oaSecretKey, hash);
        return Convert.ToHexStringLower(hash);
    }

    /// <summary>Computes the mac of a body given as text (encoded as UTF-8).</summary>
    public static string Compute(string appId, string rawBody, string timestamp, string oaSecretKey)
    {
        ArgumentNullException.ThrowIfNull(rawBody);
        return Compute(appId, Encoding.UTF8.GetBytes(rawBody), timestamp, oaSecretKey);
    }

    /// <summary>Computes the full header value, <c>mac=&lt;hex&gt;</c>.</summary>
    public static string ComputeHeaderValue(string appId, ReadOnlySpan<byte> rawBody, string timestamp, string oaSecretKey) =>
        "mac=" + Compute(appId, rawBody, timestamp, oaSecretKey);

    /// <summary>Writes the 32-byte SHA-256 digest of <c>appId + rawBody + timestamp + oaSecretKey</c>.</summary>
    /// <remarks>The parts are copied into one buffer (on the stack for ordinary bodies) and hashed in
    /// one call: cheaper than an incremental hash object per webhook. The copy of the key is zeroed
    /// afterwards.</remarks>
    internal static void ComputeHash(string appId, ReadOnlySpan<byte> rawBody, string timestamp, string oaSecretKey, Span<byte> destination)
    {
        var utf8 = Encoding.UTF8;
        var length = utf8.GetByteCount(appId) + rawBody.Length + utf8.GetByteCount(timestamp) + utf8.GetByteCount(oaSecretKey);
        byte[]? rented = null;
        Span<byte> buffer = length <= StackBufferBytes ? stackalloc byte[StackBufferBytes] : (rented = ArrayPool<byte>.Shared.Rent(length));
        var input = buffer[..length];
        var keyStart = length;
        try
        {
            var n = utf8.GetBytes(appId, input);
            rawBody.CopyTo(input[n..]);
            n += rawBody.Length;
            n += utf8.GetBytes(timestamp, input[n..]);
            keyStart = n;
            utf8.GetBytes(oaSecretKey, input[n..]);
            SHA256.HashData(input, destination);
        }
        finally
        {
            // The body is no secret (the caller holds it); the key is.
            CryptographicOperations.ZeroMemory(input[keyStart..]);
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    /// <summary>Signed inputs up to this size (bodies of about 1.9 KB) are assembled on the stack.</summary>
    private const int StackBufferBytes = 2048;
}
