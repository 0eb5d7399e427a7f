using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using WireMock;
using ZaloOA.Sdk.Testing.Internal;

namespace ZaloOA.Sdk.Testing;

// OAuth v4 for Official Accounts: consent page, code exchange with PKCE, refresh rotation.
public sealed partial class ZaloEmulator
{
    private void MapOAuth()
    {
        Map("GET", "/v4/oa/permission", ConsentPage);
        Map("GET", "/v4/oa/permission/grant", Grant);
        Map("POST", "/v4/oa/access_token", AccessToken);
    }

    // The consent page: lists the OAs, one link each, bilingual.
    private IResponseMessage ConsentPage(IRequestMessage request)
    {
        var query = Wire.Query(request);
        var appId = query.TryGetValue("app_id", out var a) ? a.ToString() : string.Empty;
        var redirect = query.TryGetValue("redirect_uri", out var r) ? r.ToString() : string.Empty;
        var state = query.TryGetValue("state", out var s) ? s.ToString() : string.Empty;
        var challenge = query.TryGetValue("code_challenge", out var c) ? c.ToString() : string.Empty;
        if (appId != _options.AppId)
        {
            return Html("Ứng dụng không hợp lệ / Invalid app", $"<p>-14002 Invalid appId: <code>{WebUtility.HtmlEncode(appId)}</code></p>", 400);
        }

        if (!Uri.TryCreate(redirect, UriKind.Absolute, out _))
        {
            return Html("Đường dẫn không hợp lệ / Invalid redirect uri", "<p>-14003 Invalid redirect uri.</p>", 400);
        }

        var items = new StringBuilder();
        lock (_gate)
        {
            foreach (var oaId in _accountOrder)
            {
                var grant = "/v4/oa/permission/grant?app_id=" + Uri.EscapeDataString(appId)
                    + "&oa_id=" + Uri.EscapeDataString(oaId)
                    + "&redirect_uri=" + Uri.EscapeDataString(redirect)
                    + "&state=" + Uri.EscapeDataString(state)
                    + "&code_challenge=" + Uri.EscapeDataString(challenge);
                items.Append("<li><a class=\"oa\" href=\"").Append(WebUtility.HtmlEncode(grant)).Append("\">")
                    .Append(WebUtility.HtmlEncode(_accounts[oaId].Name)).Append("</a> <small>(")
                    .Append(WebUtility.HtmlEncode(oaId)).Append(")</small></li>");
            }
        }

        var body = items.Length == 0
            ? "<p>Chưa có Official Account nào trong trình giả lập. / The emulator has no Official Accounts yet.</p>"
            : "<p>Ứng dụng <b>" + WebUtility.HtmlEncode(appId) + "</b> yêu cầu quyền quản lý Official Account. Chọn OA để cấp quyền:<br>"
              + "The app asks to manage an Official Account. Choose the OA to authorise:</p><ul>" + items + "</ul>"
              + "<p><small>Trình giả lập Zalo (ZaloOA.Sdk.Testing), không phải Zalo thật. / Zalo emulator, not the real Zalo.</small></p>";
        return Html("Cấp quyền cho ứng dụng / Authorise the app", body, 200);
    }

    private static IResponseMessage Html(string title, string body, int status) =>
        Wire.Text(
            "<!DOCTYPE html><html lang=\"vi\"><head><meta charset=\"utf-8\"><title>" + WebUtility.HtmlEncode(title) + "</title>"
            + "<style>body{font-family:sans-serif;max-width:40em;margin:2em auto}a.oa{color:#0068ff;font-weight:bold}</style></head><body><h1>"
            + WebUtility.HtmlEncode(title) + "</h1>" + body + "</body></html>",
            "text/html; charset=utf-8",
            status);

    // The link on the consent page: issues a code and redirects like Zalo's callback
    // (?code=..&oa_id=..&state=..&code_challenge=..).
    private IResponseMessage Grant(IRequestMessage request)
    {
        var query = Wire.Query(request);
        string Get(string key) => query.TryGetValue(key, out var v) ? v.ToString() : string.Empty;
        var oaId = Get("oa_id");
        var redirect = Get("redirect_uri");
        var challenge = Get("code_challenge");
        if (Get("app_id") != _options.AppId || !Uri.TryCreate(redirect, UriKind.Absolute, out _))
        {
            return Html("Yêu cầu không hợp lệ / Invalid request", "<p>-14002/-14003</p>", 400);
        }

        lock (_gate)
        {
            if (!_accounts.ContainsKey(oaId))
            {
                return Html("OA không tồn tại / Unknown OA", "<p>" + WebUtility.HtmlEncode(oaId) + "</p>", 404);
            }
        }

        var code = IssueAuthorizationCode(oaId, challenge.Length == 0 ? null : challenge);
        var location = new StringBuilder(redirect)
            .Append(redirect.Contains('?', StringComparison.Ordinal) ? '&' : '?')
            .Append("code=").Append(Uri.EscapeDataString(code))
            .Append("&oa_id=").Append(Uri.EscapeDataString(oaId))
            .Append("&state=").Append(Uri.EscapeDataString(Get("state")));
        if (challenge.Length > 0)
        {
            location.Append("&code_challenge=").Append(Uri.EscapeDataString(challenge));
        }

        return Wire.Redirect(location.ToString());
    }

    // POST /v4/oa/access_token: errors come back with HTTP 200 and
    // error/error_name/error_description.
    private IResponseMessage AccessToken(IRequestMessage request)
    {
        if (Wire.Header(request, "secret_key") != _options.SecretKey)
        {
            return Wire.OAuthError(-14004, "Invalid secret key", "The secret_key header does not match the app's secret key.");
        }

        var form = Wire.Form(request);
        string? Get(string key) => form.TryGetValue(key, out var v) && v.Count > 0 ? v[0] : null;
        if (Get("app_id") != _options.AppId)
        {
            return Wire.OAuthError(-14002, "Invalid appId", "The app_id is not a valid app.");
        }

        return Get("grant_type") switch
        {
            "authorization_code" => ExchangeCode(Get("code"), Get("code_verifier")),
            "refresh_token" => Refresh(Get("refresh_token")),
            _ => Wire.OAuthError(-14018, "Invalid grant type", "grant_type must be authorization_code or refresh_token."),
        };
    }

    private IResponseMessage ExchangeCode(string? code, string? verifier)
    {
        lock (_gate)
        {
            if (string.IsNullOrEmpty(code) || !_codes.TryGetValue(code, out var state))
            {
                return Wire.OAuthError(-14005, "Invalid authorization code", "The code is invalid.");
            }

            if (state.Used)
            {
                return Wire.OAuthError(-14005, "Invalid authorization code", "The code has already been used.");
            }

            if (Now >= state.ExpiresAt)
            {
                return Wire.OAuthError(-14005, "Invalid authorization code", "The code has expired.");
            }

            if (state.CodeChallenge is not null && (verifier is null || S256(verifier) != state.CodeChallenge))
            {
                return Wire.OAuthError(-14005, "Invalid authorization code", "The code_verifier does not match the code_challenge.");
            }

            state.Used = true;
            return TokenBody(IssueTokensLocked(state.OaId));
        }
    }

    private IResponseMessage Refresh(string? refreshToken)
    {
        lock (_gate)
        {
            if (string.IsNullOrEmpty(refreshToken)
                || !_refreshTokens.TryGetValue(refreshToken, out var state)
                || state.Used
                || Now >= state.ExpiresAt)
            {
                return Wire.OAuthError(-14014, "Invalid refresh token.", "The refresh token is invalid, expired or already used.");
            }

            // Single use: the refresh token and the access token issued with it die now.
            state.Used = true;
            if (_accessTokens.TryGetValue(state.AccessToken, out var access))
            {
                access.Revoked = true;
            }

            return TokenBody(IssueTokensLocked(state.OaId));
        }
    }

    private static IResponseMessage TokenBody(EmulatedTokens tokens) =>
        Wire.Json(new JsonObject
        {
            ["access_token"] = tokens.AccessToken,
            ["refresh_token"] = tokens.RefreshToken,
            // A string, as in Zalo's documented samples.
            ["expires_in"] = ((long)(tokens.AccessTokenExpiresAt - tokens.IssuedAt).TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture),
        });

    private static string S256(string verifier) =>
        System.Buffers.Text.Base64Url.EncodeToString(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));

    // Checks the access_token header; the OA it acts for, or the -216 answer.
    private bool TryAuthorize(IRequestMessage request, out OaState oa, out IResponseMessage error)
    {
        var token = Wire.Header(request, "access_token");
        lock (_gate)
        {
            if (token is not null
                && _accessTokens.TryGetValue(token, out var state)
                && !state.Revoked
                && Now < state.ExpiresAt
                && _accounts.TryGetValue(state.OaId, out var found))
            {
                oa = found;
                error = null!;
                return true;
            }
        }

        oa = null!;
        error = Wire.Error(-216, "Access token is invalid");
        return false;
    }
}
