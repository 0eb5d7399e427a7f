using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace ZaloOA.Sdk.Authentication;

/// <summary>
/// PKCE (RFC 7636, S256) as Zalo's OAuth v4 uses it: a 43-character base64url verifier from 32
/// random bytes, and a challenge that is the base64url (no padding) SHA-256 of the verifier.
/// </summary>
public static class ZaloPkce
{
    /// <summary>Creates a new random code verifier (43 characters, base64url, no padding).</summary>
    public static string CreateVerifier()
    {
        Span<byte> bytes = stackalloc byte[32];
        RandomNumberGenerator.Fill(bytes);
        return Base64Url.EncodeToString(bytes);
    }

    /// <summary>Computes the S256 code challenge of a verifier.</summary>
    /// <exception cref="ZaloValidationException">The verifier is not 43 to 128 characters of the
    /// RFC 7636 alphabet.</exception>
    public static string ComputeChallenge(string codeVerifier)
    {
        ArgumentNullException.ThrowIfNull(codeVerifier);
        if (codeVerifier.Length is < 43 or > 128 || !codeVerifier.All(IsUnreserved))
        {
            throw new ZaloValidationException(
                "A PKCE code verifier must be 43 to 128 characters of A-Z, a-z, 0-9, '-', '.', '_' or '~'; Zalo's own SDKs use 43. Create one with ZaloPkce.CreateVerifier().",
                nameof(codeVerifier));
        }

        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.ASCII.GetBytes(codeVerifier), hash);
        return Base64Url.EncodeToString(hash);
    }

    private static bool IsUnreserved(char c) =>
        c is (>= 'A' and <= 'Z') or (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-' or '.' or '_' or '~';
}
