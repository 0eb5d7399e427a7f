namespace ZaloOA.Sdk.Authentication;

/// <summary>
/// An OA consent request: send the person to <see cref="Url"/>, keep <see cref="State"/> and
/// <see cref="CodeVerifier"/> (server-side, e.g. in a protected cookie or session) until Zalo
/// redirects back, then pass the verifier to <see cref="ZaloOAuthClient.ExchangeCodeAsync"/>.
/// </summary>
public sealed class ZaloAuthorizationRequest
{
    /// <summary>Creates the request.</summary>
    public ZaloAuthorizationRequest(Uri url, string state, string? codeVerifier)
    {
        Url = url;
        State = state;
        CodeVerifier = codeVerifier;
    }

    /// <summary>The consent page: <c>/v4/oa/permission?app_id=..&amp;redirect_uri=..&amp;code_challenge=..&amp;state=..</c>.</summary>
    public Uri Url { get; }

    /// <summary>The anti-forgery value Zalo echoes back; compare it on the callback.</summary>
    public string State { get; }

    /// <summary>The PKCE verifier to send with the code exchange; null when PKCE is off.</summary>
    public string? CodeVerifier { get; }
}
