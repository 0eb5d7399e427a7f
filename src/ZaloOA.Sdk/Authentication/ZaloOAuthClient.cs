using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using ZaloOA.Sdk.Serialization;

namespace ZaloOA.Sdk.Authentication;

/// <summary>
/// Zalo's OAuth v4 for Official Accounts: builds the consent URL (with PKCE), exchanges the
/// authorization code, and refreshes tokens. Token lifecycles (when to refresh, single-flight,
/// persistence) are handled by <see cref="IZaloTokenManager"/>; use this class directly only to
/// complete a consent flow or in tools.
/// </summary>
/// <remarks>Nothing here is retried automatically: an authorization code and a refresh token are
/// single use, so a blind retry could burn the only valid one.</remarks>
public partial class ZaloOAuthClient
{
    /// <summary>The name of the HttpClient the SDK registers for OAuth calls (no retry handler).</summary>
    public const string HttpClientName = "ZaloOA.OAuth";

    /// <summary>The lifetime assumed when a successful token answer carries no usable
    /// <c>expires_in</c>: Zalo's documented 25 hours for OA access tokens.</summary>
    internal const long DefaultExpiresInSeconds = 90_000;

    private readonly HttpClient? _httpClient;
    private readonly IHttpClientFactory? _httpClientFactory;
    private readonly IOptionsMonitor<ZaloOAOptions> _options = null!;

    /// <summary>For mocking only.</summary>
    protected ZaloOAuthClient()
    {
    }

    /// <summary>Creates the client over an <see cref="HttpClient"/> (which it does not dispose).</summary>
    public ZaloOAuthClient(HttpClient httpClient, IOptionsMonitor<ZaloOAOptions> options)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        ArgumentNullException.ThrowIfNull(options);
        _httpClient = httpClient;
        _options = options;
    }

    /// <summary>The DI constructor: takes a fresh client from the factory per call, so the
    /// singleton token manager never pins one handler (and its DNS answers) for the process life.</summary>
    internal ZaloOAuthClient(IHttpClientFactory httpClientFactory, IOptionsMonitor<ZaloOAOptions> options)
    {
        ArgumentNullException.ThrowIfNull(httpClientFactory);
        ArgumentNullException.ThrowIfNull(options);
        _httpClientFactory = httpClientFactory;
        _options = options;
    }

    private HttpClient Http => _httpClient ?? _httpClientFactory!.CreateClient(HttpClientName);

    private ZaloOAOptions Options => _options.CurrentValue;

    /// <summary>
    /// Builds the consent URL <c>/v4/oa/permission</c>. With PKCE on (the default) a fresh verifier
    /// is created unless <paramref name="codeVerifier"/> is given (for a fixed pair registered in the
    /// developer console); a random <paramref name="state"/> is created when none is given.
    /// </summary>
    /// <param name="redirectUri">The callback URL registered for the app.</param>
    /// <param name="state">Anti-forgery value echoed back by Zalo; random when null.</param>
    /// <param name="codeVerifier">A PKCE verifier to use instead of a new one.</param>
    public virtual ZaloAuthorizationRequest CreateAuthorizationRequest(Uri redirectUri, string? state = null, string? codeVerifier = null)
    {
        ArgumentNullException.ThrowIfNull(redirectUri);
        if (!redirectUri.IsAbsoluteUri)
        {
            throw new ZaloValidationException("The redirect URI must be absolute (https://your-domain/zalo/oauth/callback), as registered for the app.", nameof(redirectUri));
        }

        var options = Options;
        state ??= ZaloPkce.CreateVerifier()[..22];
        string? verifier = null;
        var query = new StringBuilder()
            .Append("app_id=").Append(Uri.EscapeDataString(options.AppId))
            .Append("&redirect_uri=").Append(Uri.EscapeDataString(redirectUri.AbsoluteUri));
        if (options.UsePkce || codeVerifier is not null)
        {
            verifier = codeVerifier ?? ZaloPkce.CreateVerifier();
            query.Append("&code_challenge=").Append(ZaloPkce.ComputeChallenge(verifier));
        }

        query.Append("&state=").Append(Uri.EscapeDataString(state));
        var url = new Uri(options.OAuthBaseUrl, "v4/oa/permission?" + query);
        return new ZaloAuthorizationRequest(url, state, verifier);
    }

    /// <summary>Exchanges an authorization code (valid 10 minutes, single use) for tokens.</summary>
    /// <param name="code">The <c>code</c> from the callback.</param>
    /// <param name="codeVerifier">The PKCE verifier of the request that started the flow, or null.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="ZaloOAuthException">Zalo refused the code (for example -14005, used or expired).</exception>
    public virtual Task<ZaloTokenResponse> ExchangeCodeAsync(string code, string? codeVerifier, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(code);
        var form = new List<KeyValuePair<string, string>>
        {
            new("code", code),
            new("app_id", Options.AppId),
            new("grant_type", "authorization_code"),
        };
        if (codeVerifier is not null)
        {
            form.Add(new("code_verifier", codeVerifier));
        }

        return PostTokenAsync(form, cancellationToken);
    }

    /// <summary>Trades a refresh token for a new pair. The refresh token sent is dead afterwards,
    /// whether or not the answer reaches you: persist the returned pair before anything else.</summary>
    /// <exception cref="ZaloOAuthException">Zalo refused the refresh token (-14014 when invalid,
    /// expired or already used).</exception>
    public virtual Task<ZaloTokenResponse> RefreshAsync(string refreshToken, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(refreshToken);
        return PostTokenAsync(
            [
                new("refresh_token", refreshToken),
                new("app_id", Options.AppId),
                new("grant_type", "refresh_token"),
            ],
            cancellationToken);
    }

    private async Task<ZaloTokenResponse> PostTokenAsync(IEnumerable<KeyValuePair<string, string>> form, CancellationToken cancellationToken)
    {
        var options = Options;
        if (string.IsNullOrEmpty(options.SecretKey))
        {
            throw new InvalidOperationException("Zalo:SecretKey (the app secret) is required to obtain OAuth tokens; set it in configuration.");
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(options.OAuthBaseUrl, "v4/oa/access_token"))
        {
            Content = new FormUrlEncodedContent(form),
        };
        request.Headers.TryAddWithoutValidation("secret_key", options.SecretKey);

        HttpResponseMessage response;
        try
        {
            response = await Http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException ex)
        {
            throw new ZaloTransportException($"Could not reach Zalo OAuth at {options.OAuthBaseUrl.Host}: {ex.Message}", ex.StatusCode, isTransient: true, ex);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new ZaloTransportException("Zalo OAuth did not answer in time.", null, isTransient: true, ex);
        }

        using (response)
        {
            var body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            return ParseTokenResponse(response.StatusCode, body);
        }
    }

    internal static ZaloTokenResponse ParseTokenResponse(HttpStatusCode status, byte[] body)
    {
        ZaloTokenResponse? tokens = null;
        ZaloOAuthErrorBody? error = null;
        try
        {
            tokens = JsonSerializer.Deserialize(body, ZaloJsonContext.Default.ZaloTokenResponse);
            error = JsonSerializer.Deserialize(body, ZaloJsonContext.Default.ZaloOAuthErrorBody);
        }
        catch (JsonException) when ((int)status >= 400)
        {
            throw new ZaloTransportException($"Zalo OAuth answered HTTP {(int)status} without a JSON body.", status, (int)status >= 500 || status == HttpStatusCode.TooManyRequests);
        }
        catch (JsonException ex)
        {
            throw new ZaloOAuthException(null, null, null, status, Mask(body), $"Zalo OAuth answered with a body that is not JSON: {ex.Message}");
        }

        var hasError = error?.Error is { } code && code != 0;
        if (tokens is not null && !string.IsNullOrEmpty(tokens.AccessToken) && !hasError && error?.ErrorName is null)
        {
            if (tokens.ExpiresInSeconds <= 0)
            {
                // [S] expires_in is always present in the samples. Without it the pair is still
                // good, and a refresh token was spent to get it: discarding the answer would leave
                // the OA needing re-authorisation. Assume the documented lifetime; a token that dies
                // earlier is answered with -216 and replaced by the forced refresh.
                tokens.ExpiresInSeconds = DefaultExpiresInSeconds;
            }

            return tokens;
        }

        // No access token is a failure even without a numeric error: storing it would overwrite
        // good tokens with nothing (the ChatbotX bug).
        var description = error?.ErrorDescription ?? error?.ErrorReason ?? error?.Message;
        var message = error?.Error is null && error?.ErrorName is null
            ? "Zalo OAuth answered without an access token; nothing was stored."
            : null;
        throw new ZaloOAuthException(error?.Error, error?.ErrorName, description, status, Mask(body), message);
    }

    [GeneratedRegex("\"(access_token|refresh_token)\"\\s*:\\s*\"[^\"]*\"")]
    private static partial Regex TokenValue();

    private static string Mask(byte[] body)
    {
        var text = Encoding.UTF8.GetString(body, 0, Math.Min(body.Length, 4096));
        return TokenValue().Replace(text, m => string.Create(CultureInfo.InvariantCulture, $"\"{m.Groups[1].Value}\":\"***\""));
    }
}
