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
    internal static void ComputeHash(string appId, ReadOnlySpan<byte> rawBody, string timestamp, string oaSecretKey, Span<byte> destination)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        AppendUtf8(sha, appId);
        sha.AppendData(rawBody);
        AppendUtf8(sha, timestamp);
        AppendUtf8(sha, oaSecretKey);
        sha.GetHashAndReset(destination);
    }

    private static void AppendUtf8(IncrementalHash sha, string text)
    {
        var max = Encoding.UTF8.GetMaxByteCount(text.Length);
        byte[]? rented = null;
        Span<byte> buffer = max <= 256 ? stackalloc byte[256] : (rented = ArrayPool<byte>.Shared.Rent(max));
        try
        {
            var written = Encoding.UTF8.GetBytes(text, buffer);
            sha.AppendData(buffer[..written]);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }
}
