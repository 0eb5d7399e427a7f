using System.Security.Cryptography;
using System.Text;

namespace ZaloOA.Sdk.TemplateMessages;

/// <summary>
/// Vietnamese phone numbers in the form ZNS/ZBS expects (<c>84</c> followed by the subscriber
/// number), and their SHA-256 hash for <c>/message/template/hashphone</c>.
/// </summary>
public static class ZaloPhoneNumber
{
    /// <summary>
    /// Normalises a Vietnamese number to <c>84…</c>: drops spaces, dots, dashes, brackets and a
    /// leading <c>+</c>, and turns a leading <c>0</c> into <c>84</c>. <c>0912 345 678</c>,
    /// <c>+84 912-345-678</c> and <c>84912345678</c> all become <c>84912345678</c>.
    /// </summary>
    /// <param name="phone">The number as typed.</param>
    /// <exception cref="ZaloValidationException">It is not a Vietnamese number (after cleaning: 84 and 8 to 10 digits).</exception>
    public static string Normalize(string phone)
    {
        if (string.IsNullOrWhiteSpace(phone))
        {
            throw new ZaloValidationException("phone is required; pass a Vietnamese number such as 0912345678 or 84912345678.", nameof(phone));
        }

        var digits = new StringBuilder(phone.Length);
        foreach (var c in phone.Trim())
        {
            if (char.IsAsciiDigit(c))
            {
                digits.Append(c);
            }
            else if (c is not (' ' or '.' or '-' or '(' or ')') && !(c == '+' && digits.Length == 0))
            {
                throw new ZaloValidationException($"phone contains '{c}'; pass digits only, e.g. 84912345678.", nameof(phone));
            }
        }

        var text = digits.ToString();
        if (text.StartsWith('0'))
        {
            text = "84" + text[1..];
        }

        if (!text.StartsWith("84", StringComparison.Ordinal) || text.Length is < 10 or > 12)
        {
            throw new ZaloValidationException("phone is not a Vietnamese number; ZNS expects 84 followed by the subscriber number, e.g. 84912345678.", nameof(phone));
        }

        return text;
    }

    /// <summary>The lowercase hex SHA-256 of the normalised number, as <c>hash_phone</c> expects.</summary>
    /// <param name="phone">The number as typed; it is normalised first.</param>
    public static string Hash(string phone) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Normalize(phone))));
}
