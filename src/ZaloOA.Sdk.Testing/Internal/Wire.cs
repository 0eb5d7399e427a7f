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

// Zalo's wire conventions: envelopes, errors with HTTP 200, compact JSON, ids.
internal static class Wire
{
    // Compact JSON with Vietnamese kept as UTF-8 (Zalo does not \u-escape it).
    public static readonly JsonSerializerOptions JsonOptions = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        WriteIndented = false,
    };

    // Vietnam's clock (UTC+7): Zalo's dd/MM/yyyy dates are local dates.
    public static readonly TimeSpan VietnamOffset = TimeSpan.FromHours(7);

    public static string ToJson(JsonNode node) => node.ToJsonString(JsonOptions);

    // {"error":0,"message":"Success","data":...}; some endpoints put data first.
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

    // An OA API error: {"error":code,"message":"..."} with HTTP 200, as Zalo does.
    public static IResponseMessage Error(int code, string message) =>
        Json(new JsonObject { ["error"] = code, ["message"] = message });

    // -201: Zalo's "<field> is invalid!".
    public static IResponseMessage Invalid(string field) => Error(-201, field + " is invalid!");

    // An OAuth error body (HTTP 200): error, error_name, error_description, error_reason, ref_doc.
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

    // A header, matched case-insensitively.
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

    // The query string parsed here (not by WireMock, which may split values on commas
    // and would break Zalo's data=<json> parameter).
    public static Dictionary<string, StringValues> Query(IRequestMessage request) =>
        QueryHelpers.ParseQuery(request.RawQuery);

    public static string? QueryValue(IRequestMessage request, string name) =>
        Query(request).TryGetValue(name, out var values) && values.Count > 0 ? values[0] : null;

    // Parses a form-urlencoded body.
    public static Dictionary<string, StringValues> Form(IRequestMessage request) =>
        QueryHelpers.ParseQuery(BodyText(request));

    // Parses a JSON object; null when the text is not a JSON object.
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

    // A string property that Zalo also accepts as a JSON number (ids).
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

    // An integer property given as a number or a numeric string.
    public static int? Int(JsonNode? node, string name) =>
        int.TryParse(Str(node, name), System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var value) ? value : null;

    // Lower-case hex id like Zalo's message ids (96d3cdf3af150460909a).
    public static string HexId(int length = 20) => RandomNumberGenerator.GetHexString(length, lowercase: true);

    // An opaque base64url token/id of <paramref name="bytes"/> random bytes.
    public static string OpaqueId(int bytes) =>
        System.Buffers.Text.Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(bytes));

    // A numeric id in Zalo's 18–19 digit style derived from a seed (stable per seed).
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
