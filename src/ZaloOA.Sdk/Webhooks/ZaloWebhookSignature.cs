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
    /// <remarks>Hashed incrementally with a per-thread <see cref="IncrementalHash"/>, so the body is
    /// read in place: assembling one buffer for a one-shot hash copies the body, and a stack buffer
    /// is zero-filled first, both of which the profile showed costing a fifth of verification. The
    /// short strings are encoded on the stack; the key's bytes are zeroed after use.</remarks>
    internal static void ComputeHash(string appId, ReadOnlySpan<byte> rawBody, string timestamp, string oaSecretKey, Span<byte> destination)
    {
        var sha = t_sha256 ??= IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Append(sha, appId);
        sha.AppendData(rawBody);
        Append(sha, timestamp);
        Append(sha, oaSecretKey);
        sha.GetHashAndReset(destination);
    }

    /// <summary>Appends a string's UTF-8 bytes, zeroing the copy afterwards (it may be the key).</summary>
    private static void Append(IncrementalHash sha, string text)
    {
        var utf8 = Encoding.UTF8;
        var length = utf8.GetByteCount(text);
        byte[]? rented = null;
        var buffer = length <= 256 ? stackalloc byte[256] : (rented = ArrayPool<byte>.Shared.Rent(length));
        var bytes = buffer[..length];
        try
        {
            utf8.GetBytes(text, bytes);
            sha.AppendData(bytes);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(bytes);
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    [ThreadStatic]
    private static IncrementalHash? t_sha256;
}
