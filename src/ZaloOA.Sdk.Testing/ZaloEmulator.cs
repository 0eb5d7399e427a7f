using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.Json.Nodes;
using WireMock;
using WireMock.Logging;
using WireMock.Matchers;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Settings;
using ZaloOA.Sdk.Testing.Internal;

namespace ZaloOA.Sdk.Testing;

/// <summary>
/// An in-process emulator of Zalo's OA platform on one loopback HTTP server: OAuth v4 with PKCE and
/// single-use rotating refresh tokens, the OA Open API (messages, uploads, users, tags,
/// conversations, quota, articles, video, group chats), and signed webhooks out to your app. It reproduces
/// Zalo's wire shapes, including errors returned with HTTP 200, and records what your app sent.
/// </summary>
/// <remarks>
/// <para>Point the SDK at <see cref="BaseUrl"/> for its API, OAuth and business hosts (paths do not
/// collide), e.g. with <see cref="ConfigureSdk"/>. Everything is thread-safe.</para>
/// <code>
/// await using var zalo = await ZaloEmulator.StartAsync();
/// zalo.AddOfficialAccount("388613280878808645", "Công an phường Bến Nghé");
/// zalo.AddFollower("388613280878808645", "2468458835296197922", "Nguyễn Văn An");
/// services.AddZaloOA(o => zalo.ConfigureSdk(o));
/// </code>
/// <para>Not a full Zalo: behaviour the public sources do not pin down ([S]/[U] in the project's
/// API reference) is emulated in one plausible way and documented on the member concerned.</para>
/// </remarks>
public sealed partial class ZaloEmulator : IAsyncDisposable
{
    private readonly Lock _gate = new();
    private readonly ZaloEmulatorOptions _options;
    private readonly TimeProvider _time;
    private readonly WireMockServer _server;
    private readonly HttpClient _webhookClient = new() { Timeout = TimeSpan.FromSeconds(30) };

    private readonly Dictionary<string, OaState> _accounts = [];
    private readonly List<string> _accountOrder = [];
    private readonly Dictionary<string, AccessTokenState> _accessTokens = new(StringComparer.Ordinal);
    private readonly Dictionary<string, RefreshTokenState> _refreshTokens = new(StringComparer.Ordinal);
    private readonly Dictionary<string, AuthorizationCodeState> _codes = new(StringComparer.Ordinal);
    private readonly List<EmulatedSentMessage> _sent = [];
    private readonly List<EmulatedUpload> _uploads = [];
    private readonly List<EmulatedBroadcast> _broadcasts = [];
    private readonly Dictionary<string, ArticleState> _articlesById = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ArticleState> _articlesByToken = new(StringComparer.Ordinal);
    private readonly List<ArticleState> _articleOrder = [];
    private readonly Dictionary<string, VideoState> _videos = new(StringComparer.Ordinal);
    private readonly Dictionary<string, MediaItem> _media = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Queue<IResponseMessage>> _faults = new(StringComparer.Ordinal);
    private readonly List<(Func<EmulatedSentMessage, bool> Predicate, TaskCompletionSource<EmulatedSentMessage> Signal)> _waiters = [];
    private readonly Uri _avatarUrl;
    private Uri? _webhookUrl;
    private int _disposed;

    private ZaloEmulator(ZaloEmulatorOptions options, WireMockServer server)
    {
        _options = options;
        _time = options.TimeProvider;
        _server = server;
        _webhookUrl = options.WebhookUrl;
        BaseUrl = new Uri(server.Url!.TrimEnd('/') + "/");
        Events = new ZaloWebhookEventFactory(this);
        _avatarUrl = AddMedia(SampleMedia.Png(), "image/png", "png");
        MapEndpoints();
        StartOutbox();
    }

    /// <summary>The emulator's address, ending in '/'. Use it as the SDK's <c>ApiBaseUrl</c>,
    /// <c>OAuthBaseUrl</c> and <c>BusinessApiBaseUrl</c>.</summary>
    public Uri BaseUrl { get; }

    /// <summary>The app id the emulator accepts.</summary>
    public string AppId => _options.AppId;

    /// <summary>The app secret the token endpoint expects.</summary>
    public string SecretKey => _options.SecretKey;

    /// <summary>The OA secret key webhooks are signed with.</summary>
    public string OaSecretKey => _options.OaSecretKey;

    /// <summary>The emulator's clock.</summary>
    public TimeProvider TimeProvider => _time;

    /// <summary>Builders of Zalo-shaped, signed webhook events (without side effects until posted).</summary>
    public ZaloWebhookEventFactory Events { get; }

    /// <summary>Where <see cref="EmulatedCitizen"/> posts webhooks; usually your app's webhook endpoint.</summary>
    public Uri? WebhookUrl
    {
        get { lock (_gate) { return _webhookUrl; } }
        set { lock (_gate) { _webhookUrl = value; } }
    }

    /// <summary>The WireMock server underneath, for advanced scenarios (extra mappings with a
    /// higher priority, inspecting <c>LogEntries</c>). The request log keeps the latest 1000 entries.</summary>
    public WireMockServer Server => _server;

    /// <summary>Starts an emulator on loopback (a free port unless <see cref="ZaloEmulatorOptions.Port"/> is set).</summary>
    /// <param name="options">Settings; defaults when null.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    public static Task<ZaloEmulator> StartAsync(ZaloEmulatorOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new ZaloEmulatorOptions();
        ArgumentException.ThrowIfNullOrEmpty(options.AppId);
        ArgumentException.ThrowIfNullOrEmpty(options.SecretKey);
        ArgumentException.ThrowIfNullOrEmpty(options.OaSecretKey);
        ArgumentNullException.ThrowIfNull(options.TimeProvider);
        cancellationToken.ThrowIfCancellationRequested();

        // WireMock's Port setting listens on every interface; binding 127.0.0.1 explicitly keeps
        // the emulator (and its tokens) off the network.
        var port = options.Port ?? FreeLoopbackPort();
        var server = WireMockServer.Start(new WireMockServerSettings
        {
            Urls = [string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}")],
            StartAdminInterface = false,
            ReadStaticMappings = false,
            Logger = new WireMockNullLogger(),
            MaxRequestLogCount = 1000,
            DisableJsonBodyParsing = true,
            DisableDeserializeFormUrlEncoded = true,
        });
        return Task.FromResult(new ZaloEmulator(options, server));
    }

    /// <summary>Points SDK options at this emulator: base URLs, app id, app secret and OA secret key.</summary>
    /// <param name="options">The SDK options to change (e.g. inside <c>AddZaloOA(o =&gt; ...)</c>).</param>
    public void ConfigureSdk(ZaloOAOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.AppId = AppId;
        options.SecretKey = SecretKey;
        options.OaSecretKey = OaSecretKey;
        options.ApiBaseUrl = BaseUrl;
        options.OAuthBaseUrl = BaseUrl;
        options.BusinessApiBaseUrl = BaseUrl;
    }

    // ---- Official Accounts and followers -------------------------------------------------

    /// <summary>Adds (or renames) an Official Account. It shows on the consent page.</summary>
    /// <param name="oaId">The OA id (numeric string).</param>
    /// <param name="name">The OA's display name.</param>
    public void AddOfficialAccount(string oaId, string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(oaId);
        ArgumentException.ThrowIfNullOrEmpty(name);
        lock (_gate)
        {
            if (_accounts.TryGetValue(oaId, out var existing))
            {
                existing.Name = name;
                TouchAccountsLocked();
                return;
            }

            _accounts[oaId] = new OaState(oaId, name);
            _accountOrder.Add(oaId);
            TouchAccountsLocked();
        }
    }

    /// <summary>Adds a follower of an OA (or updates one).</summary>
    /// <param name="oaId">An OA added with <see cref="AddOfficialAccount"/>.</param>
    /// <param name="userId">The user's id for this OA.</param>
    /// <param name="displayName">The Zalo display name.</param>
    /// <param name="lastInteraction">The last interaction; null means "now" (following counts as
    /// an interaction). Older than 7 days closes the CS window (-230).</param>
    public void AddFollower(string oaId, string userId, string displayName, DateTimeOffset? lastInteraction = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(userId);
        ArgumentException.ThrowIfNullOrEmpty(displayName);
        lock (_gate)
        {
            var user = GetOrAddUser(RequireOa(oaId), userId, displayName);
            user.DisplayName = displayName;
            user.IsFollower = true;
            user.LastInteraction = lastInteraction ?? _time.GetUtcNow();
            user.RepliesSinceInteraction = 0;
            TouchAccountsLocked();
        }
    }

    /// <summary>Sets a user's last interaction (e.g. 8 days ago to provoke -230).</summary>
    public void SetLastInteraction(string oaId, string userId, DateTimeOffset lastInteraction)
    {
        lock (_gate)
        {
            var user = RequireUser(oaId, userId);
            user.LastInteraction = lastInteraction;
            user.RepliesSinceInteraction = 0;
        }
    }

    /// <summary>Marks a user as no longer following (sends then fail with -213).</summary>
    public void RemoveFollower(string oaId, string userId)
    {
        lock (_gate)
        {
            RequireUser(oaId, userId).IsFollower = false;
            TouchAccountsLocked();
        }
    }

    /// <summary>A snapshot of a user of an OA, or null when unknown.</summary>
    public EmulatedFollower? GetFollower(string oaId, string userId)
    {
        lock (_gate)
        {
            return _accounts.TryGetValue(oaId, out var oa) && oa.Users.TryGetValue(userId, out var user)
                ? Snapshot(oa, user)
                : null;
        }
    }

    /// <summary>Snapshots of every user an OA knows, in the order they were added.</summary>
    public IReadOnlyList<EmulatedFollower> GetFollowers(string oaId)
    {
        lock (_gate)
        {
            var oa = RequireOa(oaId);
            return [.. oa.UserOrder.Select(id => Snapshot(oa, oa.Users[id]))];
        }
    }

    /// <summary>A helper acting as one Zalo user of an OA: sends messages, follows, shares info,
    /// each as a signed webhook posted to <see cref="WebhookUrl"/>.</summary>
    public EmulatedCitizen Citizen(string oaId, string userId)
    {
        ArgumentException.ThrowIfNullOrEmpty(oaId);
        ArgumentException.ThrowIfNullOrEmpty(userId);
        return new EmulatedCitizen(this, oaId, userId);
    }

    // ---- Recording ------------------------------------------------------------------------

    /// <summary>Every message accepted (CS, reactions, anonymous), oldest first.</summary>
    public IReadOnlyList<EmulatedSentMessage> SentMessages
    {
        get { lock (_gate) { return [.. _sent]; } }
    }

    /// <summary>Every upload accepted, oldest first.</summary>
    public IReadOnlyList<EmulatedUpload> UploadedFiles
    {
        get { lock (_gate) { return [.. _uploads]; } }
    }

    /// <summary>Every article created, in creation order, at its latest version.</summary>
    public IReadOnlyList<EmulatedArticle> Articles
    {
        get { lock (_gate) { return [.. _articleOrder.Select(SnapshotArticle)]; } }
    }

    /// <summary>Every article broadcast accepted, oldest first.</summary>
    public IReadOnlyList<EmulatedBroadcast> Broadcasts
    {
        get { lock (_gate) { return [.. _broadcasts]; } }
    }

    /// <summary>
    /// Waits until a message matching <paramref name="predicate"/> has been accepted (including
    /// one accepted before the call) and returns it.
    /// </summary>
    /// <param name="predicate">Which message to wait for.</param>
    /// <param name="timeout">How long to wait (real time).</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <exception cref="TimeoutException">No matching message arrived in time.</exception>
    public async Task<EmulatedSentMessage> WaitForMessageAsync(Func<EmulatedSentMessage, bool> predicate, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(predicate);
        var signal = new TaskCompletionSource<EmulatedSentMessage>(TaskCreationOptions.RunContinuationsAsynchronously);
        (Func<EmulatedSentMessage, bool>, TaskCompletionSource<EmulatedSentMessage>) waiter = (predicate, signal);
        lock (_gate)
        {
            var existing = _sent.FirstOrDefault(predicate);
            if (existing is not null)
            {
                return existing;
            }

            _waiters.Add(waiter);
        }

        try
        {
            return await signal.Task.WaitAsync(timeout, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            int count;
            lock (_gate)
            {
                count = _sent.Count;
            }

            throw new TimeoutException($"No matching message was sent within {timeout.TotalSeconds:0.#} s ({count} message(s) recorded in total).");
        }
        finally
        {
            lock (_gate)
            {
                _waiters.Remove(waiter);
            }
        }
    }

    // ---- Tokens ---------------------------------------------------------------------------

    /// <summary>Issues an authorization code for an OA, as the consent page does (10 minutes,
    /// single use). Pass the PKCE challenge the exchange must match, or null for none.</summary>
    public string IssueAuthorizationCode(string oaId, string? codeChallenge)
    {
        lock (_gate)
        {
            RequireOa(oaId);
            var code = Wire.OpaqueId(48);
            _codes[code] = new AuthorizationCodeState(oaId, codeChallenge, _time.GetUtcNow() + _options.AuthorizationCodeLifetime);
            return code;
        }
    }

    /// <summary>Issues a valid token pair for an OA without the consent flow (like Zalo's API Explorer).</summary>
    public EmulatedTokens IssueTokens(string oaId)
    {
        lock (_gate)
        {
            RequireOa(oaId);
            return IssueTokensLocked(oaId);
        }
    }

    /// <summary>Kills every access token of an OA at once (refresh tokens stay valid), e.g. to
    /// provoke -216 and the SDK's refresh-and-replay.</summary>
    public void RevokeAccessTokens(string oaId)
    {
        lock (_gate)
        {
            foreach (var token in _accessTokens.Values.Where(t => t.OaId == oaId))
            {
                token.Revoked = true;
            }
        }
    }

    // ---- Media and faults -----------------------------------------------------------------

    /// <summary>Serves bytes at a URL on the emulator (like Zalo's CDN) and returns the URL.</summary>
    /// <param name="content">The bytes.</param>
    /// <param name="contentType">The Content-Type to serve them with.</param>
    /// <param name="extension">The file extension for the URL, without the dot (e.g. <c>jpg</c>).</param>
    public Uri AddMedia(byte[] content, string contentType, string extension)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentException.ThrowIfNullOrEmpty(contentType);
        ArgumentException.ThrowIfNullOrEmpty(extension);
        var name = Wire.HexId(24) + "." + extension.TrimStart('.');
        lock (_gate)
        {
            _media[name] = new MediaItem(content, contentType);
        }

        return new Uri(BaseUrl, "media/" + name);
    }

    /// <summary>
    /// Makes the next request to <paramref name="path"/> (e.g. <c>/v3.0/oa/message/cs</c>) answer
    /// <c>{"error":errorCode,"message":message}</c> with HTTP 200, as Zalo reports errors. Queue
    /// several to fail several calls.
    /// </summary>
    public void EnqueueError(string path, int errorCode, string message) =>
        EnqueueResponse(path, 200, Wire.ToJson(new JsonObject { ["error"] = errorCode, ["message"] = message }));

    /// <summary>Makes the next request to <paramref name="path"/> answer this raw HTTP status and
    /// body (e.g. 503 to exercise retries).</summary>
    public void EnqueueResponse(string path, int httpStatus, string body)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(body);
        lock (_gate)
        {
            if (!_faults.TryGetValue(path, out var queue))
            {
                _faults[path] = queue = new Queue<IResponseMessage>();
            }

            queue.Enqueue(Wire.Text(body, "application/json; charset=utf-8", httpStatus));
        }
    }

    /// <summary>Stops the server (webhooks still queued for the app are dropped).</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            await StopOutboxAsync().ConfigureAwait(false);
            _server.Stop();
            _server.Dispose();
            _webhookClient.Dispose();
            lock (_gate)
            {
                foreach (var (_, signal) in _waiters)
                {
                    signal.TrySetCanceled();
                }
            }
        }
    }

    // ---- Internals shared by the endpoint files -------------------------------------------

    internal DateTimeOffset Now => _time.GetUtcNow();

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private void Map(string method, string path, Func<IRequestMessage, IResponseMessage> handler) =>
        _server
            .Given(Request.Create().WithPath(path).UsingMethod(method))
            .RespondWith(Response.Create().WithCallback(request => Handle(request, handler)));

    private void MapAsync(string method, string path, Func<IRequestMessage, Task<IResponseMessage>> handler) =>
        _server
            .Given(Request.Create().WithPath(path).UsingMethod(method))
            .RespondWith(Response.Create().WithCallback(request => HandleAsync(request, handler)));

    private void MapPrefix(string method, string pathPattern, Func<IRequestMessage, IResponseMessage> handler) =>
        _server
            .Given(Request.Create().WithPath(new WildcardMatcher(pathPattern)).UsingMethod(method))
            .RespondWith(Response.Create().WithCallback(request => Handle(request, handler)));

    private IResponseMessage Handle(IRequestMessage request, Func<IRequestMessage, IResponseMessage> handler)
    {
        lock (_gate)
        {
            if (_faults.TryGetValue(request.Path, out var queue) && queue.TryDequeue(out var fault))
            {
                return fault;
            }
        }

        try
        {
            return handler(request);
        }
#pragma warning disable CA1031 // A bug in the emulator must reach the test as a readable 500, not a dropped connection.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            return Wire.Text("ZaloEmulator failed on " + request.Method + " " + request.Path + ": " + ex, "text/plain; charset=utf-8", 500);
        }
    }

    private async Task<IResponseMessage> HandleAsync(IRequestMessage request, Func<IRequestMessage, Task<IResponseMessage>> handler)
    {
        lock (_gate)
        {
            if (_faults.TryGetValue(request.Path, out var queue) && queue.TryDequeue(out var fault))
            {
                return fault;
            }
        }

        try
        {
            return await handler(request).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // A bug in the emulator must reach the test as a readable 500, not a dropped connection.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            return Wire.Text("ZaloEmulator failed on " + request.Method + " " + request.Path + ": " + ex, "text/plain; charset=utf-8", 500);
        }
    }

    private OaState RequireOa(string oaId)
    {
        ArgumentException.ThrowIfNullOrEmpty(oaId);
        return _accounts.TryGetValue(oaId, out var oa)
            ? oa
            : throw new InvalidOperationException($"OA {oaId} is not known to the emulator; call AddOfficialAccount first.");
    }

    private UserState RequireUser(string oaId, string userId)
    {
        var oa = RequireOa(oaId);
        return oa.Users.TryGetValue(userId, out var user)
            ? user
            : throw new InvalidOperationException($"User {userId} is not known to OA {oaId}; call AddFollower first.");
    }

    private UserState GetOrAddUser(OaState oa, string userId, string? displayName = null)
    {
        if (!oa.Users.TryGetValue(userId, out var user))
        {
            user = new UserState(userId, UserIdByApp(userId), displayName ?? "Người dùng Zalo " + userId[^Math.Min(4, userId.Length)..]);
            oa.Users[userId] = user;
            oa.UserOrder.Add(userId);
        }

        return user;
    }

    internal string UserIdByApp(string userId) => Wire.NumericId(_options.AppId + ":" + userId);

    private static EmulatedFollower Snapshot(OaState oa, UserState user) =>
        new(oa.OaId, user.UserId, user.UserIdByApp, user.DisplayName, user.IsFollower, user.LastInteraction, [.. user.Tags]);

    private static EmulatedArticle SnapshotArticle(ArticleState a)
    {
        using var doc = JsonDocument.Parse(a.RequestJson);
        return new EmulatedArticle(a.OaId, a.Id, a.Token, a.Type, a.RequestJson, doc.RootElement.Clone(), a.CreatedAt, a.Processed, a.Removed);
    }

    private EmulatedTokens IssueTokensLocked(string oaId)
    {
        var now = _time.GetUtcNow();
        var access = Wire.OpaqueId(96);
        var refresh = Wire.OpaqueId(96);
        var expires = now + _options.AccessTokenLifetime;
        _accessTokens[access] = new AccessTokenState(oaId, expires);
        _refreshTokens[refresh] = new RefreshTokenState(oaId, access, now + _options.RefreshTokenLifetime);
        return new EmulatedTokens(oaId, access, refresh, now, expires);
    }

    private void RecordSent(EmulatedSentMessage message)
    {
        // Called under _gate.
        _sent.Add(message);
        foreach (var (predicate, signal) in _waiters)
        {
            bool matches;
            try
            {
                matches = predicate(message);
            }
#pragma warning disable CA1031 // A throwing predicate fails its own wait, not the app's send.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                signal.TrySetException(ex);
                continue;
            }

            if (matches)
            {
                signal.TrySetResult(message);
            }
        }
    }

    private void MapEndpoints()
    {
        MapOAuth();
        MapMessaging();
        MapUploads();
        MapUsers();
        MapArticles();
        MapGroups();
        MapPrefix("GET", "/media/*", ServeMedia);
    }

    private IResponseMessage ServeMedia(IRequestMessage request)
    {
        var name = request.Path["/media/".Length..];
        lock (_gate)
        {
            return _media.TryGetValue(name, out var item)
                ? Wire.Bytes(item.Content, item.ContentType)
                : Wire.Text("Not found", "text/plain", 404);
        }
    }
}
