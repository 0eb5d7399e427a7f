using System.Diagnostics.CodeAnalysis;

namespace ZaloOA.PoliceDesk.Security;

/// <summary>
/// The one rule for URLs the desk stores and renders as links (news covers and blocks, portal
/// links, links Zalo returns): absolute http or https only. Checked when saved, so a
/// <c>javascript:</c> or <c>data:</c> URL never reaches the database, and again when rendered
/// (<see cref="Href"/>), so a row written before this rule never becomes a script link.
/// </summary>
public static class SafeUrl
{
    /// <summary>The trimmed URL when it is an absolute http(s) URL with a host.</summary>
    public static bool TryParse(string? input, [NotNullWhen(true)] out string? url)
    {
        url = null;
        var trimmed = input?.Trim();
        if (string.IsNullOrEmpty(trimmed)
            || !Uri.TryCreate(trimmed, UriKind.Absolute, out var uri)
            || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp)
            || string.IsNullOrEmpty(uri.Host))
        {
            return false;
        }

        url = trimmed;
        return true;
    }

    /// <summary>The message for a field whose value is not empty and not an http(s) URL; null when it is fine.</summary>
    /// <param name="input">What was entered.</param>
    /// <param name="field">The field's Vietnamese name, e.g. "ảnh bìa".</param>
    public static string? Problem(string? input, string field) =>
        string.IsNullOrWhiteSpace(input) || TryParse(input, out _)
            ? null
            : $"Liên kết {field} phải là địa chỉ http:// hoặc https:// đầy đủ, ví dụ https://congan.travinh.gov.vn/anh.jpg (The {field} link must be a full http or https address.)";

    /// <summary>The value for an <c>href</c>: the URL when it is http(s), otherwise null (Razor then
    /// leaves the attribute out, so the text shows but is not a link).</summary>
    public static string? Href(string? stored) => TryParse(stored, out var url) ? url : null;
}
