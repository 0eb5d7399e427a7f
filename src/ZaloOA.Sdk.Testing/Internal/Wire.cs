using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Primitives;
using WireMock;
using WireMock.Types;
using WireMock.Util;

namespace ZaloOA.Sdk.Testing.Internal;

/// <summary>Zalo's wire conventions: envelopes, errors with HTTP 200, compact JSON, ids.</summary>
internal static class Wire
{
    /// <summary>Compact JSON with Vietnamese kept as UTF-8 (Zalo does not \u-escape it).</summary>
    public static readonly JsonSerializerOptions JsonOptions = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        WriteIndented = false,
    };

    /// <summary>Vietnam's clock (UTC+7): Zalo's dd/MM/yyyy dates are local dates.</summary>
    public static readonly TimeSpan VietnamOffset = TimeSpan.FromHours(7);

    public static string ToJson(JsonNode node) => node.ToJsonString(JsonOptions);

    /// <summary><c>{"error":0,"message":"Success","data":...}</c>; some endpoints put data first.</summary>
    public static IResponseMessage Success(JsonNode? data, bool dataFirst = false)
    {
        var root = new JsonObject();
        if (dataFirst && data is not null)
        {
            root["data"] = data;
        }

        root["error"] = 0;
        root["message"] = "Success";
        if (!dataFirst && data is not null)
        {
            root["data"] = data;
        }

        return Json(root);
    }

    /// <summary>An OA API error: <c>{"error":code,"message":"..."}</c> with HTTP 200, as Zalo does.</summary>
    public static IResponseMessage Error(int code, string message) =>
        Json(new JsonObject { ["error"] = code, ["message"] = message });

    /// <summary>-201: Zalo's "&lt;field&gt; is invalid!".</summary>
    public static IResponseMessage Invalid(string field) => Error(-201, field + " is invalid!");

    /// <summary>An OAuth error body (HTTP 200): error, error_name, error_description, error_reason, ref_doc.</summary>
    public static IResponseMessage OAuthError(int code, string name, string description) =>
        Json(new JsonObject
        {
            ["error"] = code,
            ["error_name"] = name,
            ["error_description"] = description,
            ["error_reason"] = string.Empty,
            ["ref_doc"] = "https://developers.zalo.me/docs/official-account/bat-dau/xac-thuc-va-uy-quyen-cho-ung-dung-new",
        });

    public static IResponseMessage Json(JsonNode node, int status = 200) =>
        Bytes(Encoding.UTF8.GetBytes(ToJson(node)), "application/json; charset=utf-8", status);

    public static IResponseMessage Text(string text, string contentType, int status = 200) =>
        Bytes(Encoding.UTF8.GetBytes(text), contentType, status);

    public static IResponseMessage Bytes(byte[] body, string contentType, int status = 200)
    {
        var response = new ResponseMessage
        {
            StatusCode = status,
            BodyData = new BodyData { DetectedBodyType = BodyType.Bytes, BodyAsBytes = body },
        };
        response.AddHeader("Content-Type", contentType);
        return response;
    }

    public static IResponseMessage Redirect(string location)
    {
        var response = new ResponseMessage { StatusCode = (int)HttpStatusCode.Found };
        response.AddHeader("Location", location);
        return response;
    }

    public static byte[] Body(IRequestMessage request) =>
        request.BodyAsBytes ?? (request.Body is { } text ? Encoding.UTF8.GetBytes(text) : []);

    public static string BodyText(IRequestMessage request) =>
        request.Body ?? (request.BodyAsBytes is { } bytes ? Encoding.UTF8.GetString(bytes) : string.Empty);

    /// <summary>A header, matched case-insensitively.</summary>
    public static string? Header(IRequestMessage request, string name)
    {
        if (request.Headers is null)
        {
            return null;
        }

        foreach (var (key, values) in request.Headers)
        {
            if (string.Equals(key, name, StringComparison.OrdinalIgnoreCase) && values.Count > 0)
            {
                return values[0];
            }
        }

        return null;
    }

    /// <summary>The query string parsed here (not by WireMock, which may split values on commas
    /// and would break Zalo's <c>data=&lt;json&gt;</c> parameter).</summary>
    public static Dictionary<string, StringValues> Query(IRequestMessage request) =>
        QueryHelpers.ParseQuery(request.RawQuery);

    public static string? QueryValue(IRequestMessage request, string name) =>
        Query(request).TryGetValue(name, out var values) && values.Count > 0 ? values[0] : null;

    /// <summary>Parses a form-urlencoded body.</summary>
    public static Dictionary<string, StringValues> Form(IRequestMessage request) =>
        QueryHelpers.ParseQuery(BodyText(request));

    /// <summary>Parses a JSON object; null when the text is not a JSON object.</summary>
    public static JsonObject? ParseObject(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        try
        {
            return JsonNode.Parse(text) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>A string property that Zalo also accepts as a JSON number (ids).</summary>
    public static string? Str(JsonNode? node, string name)
    {
        if (node is not JsonObject obj || !obj.TryGetPropertyValue(name, out var value) || value is null)
        {
            return null;
        }

        return value.GetValueKind() switch
        {
            JsonValueKind.String => value.GetValue<string>(),
            JsonValueKind.Number => value.ToJsonString(),
            JsonValueKind.True => "true",
            JsonValueKind.False => "false",
            _ => null,
        };
    }

    /// <summary>An integer property given as a number or a numeric string.</summary>
    public static int? Int(JsonNode? node, string name) =>
        int.TryParse(Str(node, name), System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var value) ? value : null;

    /// <summary>Lower-case hex id like Zalo's message ids (<c>96d3cdf3af150460909a</c>).</summary>
    public static string HexId(int length = 20) => RandomNumberGenerator.GetHexString(length, lowercase: true);

    /// <summary>An opaque base64url token/id of <paramref name="bytes"/> random bytes.</summary>
    public static string OpaqueId(int bytes) =>
        System.Buffers.Text.Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(bytes));

    /// <summary>A numeric id in Zalo's 18–19 digit style derived from a seed (stable per seed).</summary>
    public static string NumericId(string seed)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(seed));
        var value = BitConverter.ToUInt64(hash, 0) % 9_000_000_000_000_000_000UL + 1_000_000_000_000_000_000UL;
        return value.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    public static string Milliseconds(DateTimeOffset time) =>
        time.ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static string VietnamDate(DateTimeOffset time) =>
        time.ToOffset(VietnamOffset).ToString("dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture);
}
