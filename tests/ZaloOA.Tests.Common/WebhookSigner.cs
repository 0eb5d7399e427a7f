using System.Text;
using System.Text.Json;
using ZaloOA.Sdk.Webhooks;

namespace ZaloOA.Tests.Common;

/// <summary>Signs webhook bodies the way Zalo does, with <see cref="ZaloTestHost"/>'s app id and OA secret key.</summary>
public static partial class WebhookSigner
{
    /// <summary>The <c>X-ZEvent-Signature</c> value (<c>mac=...</c>) for the body, using its own <c>timestamp</c>.</summary>
    public static string Sign(byte[] body, string appId = ZaloTestHost.AppId, string oaSecretKey = ZaloTestHost.OaSecretKey) =>
        ZaloWebhookSignature.ComputeHeaderValue(appId, body, TimestampOf(body), oaSecretKey);

    /// <summary>The <c>X-ZEvent-Signature</c> value for a body given as text (UTF-8).</summary>
    public static string Sign(string body, string appId = ZaloTestHost.AppId, string oaSecretKey = ZaloTestHost.OaSecretKey) =>
        Sign(Encoding.UTF8.GetBytes(body), appId, oaSecretKey);

    /// <summary>The body's <c>timestamp</c> field as its string (a number's exact text).</summary>
    public static string TimestampOf(byte[] body)
    {
        using var doc = JsonDocument.Parse(body);
        var ts = doc.RootElement.GetProperty("timestamp");
        return ts.ValueKind == JsonValueKind.String ? ts.GetString()! : ts.GetRawText();
    }

    /// <summary>The body with its <c>timestamp</c> set to <paramref name="at"/> (as Zalo would stamp
    /// an event delivered then), everything else byte-for-byte unchanged.</summary>
    public static byte[] StampedAt(byte[] body, DateTimeOffset at)
    {
        var text = Encoding.UTF8.GetString(body);
        var stamped = TimestampField().Replace(text, "\"timestamp\":\"" + at.ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture) + "\"", 1);
        return Encoding.UTF8.GetBytes(stamped);
    }

    [System.Text.RegularExpressions.GeneratedRegex("\"timestamp\":\\s*(\"[0-9]*\"|[0-9]+)")]
    private static partial System.Text.RegularExpressions.Regex TimestampField();
}
