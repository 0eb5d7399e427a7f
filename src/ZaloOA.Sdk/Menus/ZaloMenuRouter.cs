using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using ZaloOA.Sdk.Messaging;

namespace ZaloOA.Sdk.Menus;

/// <summary>Handles a routed menu query or keyword. The router's <c>Map</c> methods also take a
/// delegate returning <see cref="Task"/>, so a handler can return a client call directly.</summary>
/// <param name="context">The query, the OA's client and the services of this call.</param>
/// <param name="cancellationToken">Cancels the handler.</param>
public delegate ValueTask ZaloMenuHandler(ZaloMenuContext context, CancellationToken cancellationToken);

/// <summary>What a menu handler gets.</summary>
public sealed class ZaloMenuContext
{
    internal ZaloMenuContext(ZaloMenuQuery query, ZaloOAClient client, IServiceProvider services, string route, bool isKeyword)
    {
        Query = query;
        Client = client;
        Services = services;
        Route = route;
        IsKeyword = isKeyword;
    }

    /// <summary>The follower's text, OA and ids.</summary>
    public ZaloMenuQuery Query { get; }

    /// <summary>The client of the OA that received the text, to reply with.</summary>
    public ZaloOAClient Client { get; }

    /// <summary>Services for this call: a fresh scope when the router came from DI (so scoped
    /// services such as a DbContext work), else an empty provider.</summary>
    public IServiceProvider Services { get; }

    /// <summary>The query or keyword as registered (e.g. <c>#tintuc</c>), never the follower's text.</summary>
    public string Route { get; }

    /// <summary>True when a keyword matched rather than a query.</summary>
    public bool IsKeyword { get; }

    /// <summary>The follower who wrote.</summary>
    public string UserId => Query.UserId;
}

/// <summary>
/// Routes menu taps and keywords to handlers. Register queries — the exact payload of an admin
/// menu item or a query button, such as <c>#tintuc</c> — with <see cref="Map(string, ZaloMenuHandler)"/>, and keywords a
/// citizen may type, such as "menu" or "xin chào", with <see cref="MapKeyword(string, ZaloMenuHandler)"/>.
/// </summary>
/// <remarks>
/// <para>Matching ignores case, Vietnamese diacritics (including đ → d) and whitespace:
/// "#TinTuc", "# tin tức" and "#tintuc" all reach the <c>#tintuc</c> route. A query matches only
/// the whole text; a keyword also matches when its words appear in order inside a longer text
/// ("Xin chào OA" reaches "xin chào"). Queries are tried first, then keywords in registration
/// order. No match returns false, so the text falls through to the ordinary text handlers.</para>
/// <para>Configure the admin menu (oa.zalo.me → Quản lý → Thanh menu) with items whose action is
/// a query of the same text — at most <see cref="ZaloMessageLimits.MaxAdminQueryLength"/> characters
/// [S] — so that a tap arrives as that text in a <c>user_send_text</c> webhook.</para>
/// </remarks>
public partial class ZaloMenuRouter : IZaloMenuRouter
{
    private readonly IZaloOAClientFactory _clients = null!;
    private readonly IServiceScopeFactory? _scopes;
    private readonly ILogger _logger = NullLogger.Instance;
    private readonly Dictionary<string, Route> _queries = new(StringComparer.Ordinal);
    private readonly List<Route> _keywords = [];

    /// <summary>For mocking only.</summary>
    protected ZaloMenuRouter()
    {
    }

    /// <summary>Creates a router outside DI (handlers get an empty <see cref="ZaloMenuContext.Services"/>).</summary>
    public ZaloMenuRouter(IZaloOAClientFactory clientFactory)
        : this(clientFactory, null, null)
    {
    }

    /// <summary>Creates a router; with <paramref name="scopeFactory"/> each handler runs in its own DI scope.</summary>
    public ZaloMenuRouter(IZaloOAClientFactory clientFactory, IServiceScopeFactory? scopeFactory, ILogger<ZaloMenuRouter>? logger)
    {
        ArgumentNullException.ThrowIfNull(clientFactory);
        _clients = clientFactory;
        _scopes = scopeFactory;
        _logger = logger ?? (ILogger)NullLogger.Instance;
    }

    /// <summary>The registered queries, as given.</summary>
    public IEnumerable<string> Queries => _queries.Values.Select(r => r.Key);

    /// <summary>The registered keywords, as given.</summary>
    public IEnumerable<string> Keywords => _keywords.Select(r => r.Key);

    /// <summary>Routes the exact query <paramref name="query"/> (e.g. <c>#tintuc</c>) to <paramref name="handler"/>.
    /// The whole text must be the query, ignoring case, Vietnamese diacritics, whitespace and
    /// trailing punctuation or emoji ("Xin chào!" reaches <c>xin chào</c>).</summary>
    /// <exception cref="ZaloValidationException">The query is blank, too long, or already mapped.</exception>
    public ZaloMenuRouter Map(string query, ZaloMenuHandler handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        var key = Compact(Normalize(query ?? string.Empty));
        if (key.Length == 0)
        {
            throw new ZaloValidationException("query must contain letters, digits or symbols, e.g. \"#tintuc\".", nameof(query));
        }

        if (query!.Length > ZaloMessageLimits.MaxQueryLength)
        {
            throw new ZaloValidationException($"query has {query.Length} characters; Zalo query payloads hold at most {ZaloMessageLimits.MaxQueryLength} (admin menu queries at most {ZaloMessageLimits.MaxAdminQueryLength}).", nameof(query));
        }

        if (!_queries.TryAdd(key, new Route(query, key, [], handler, false)))
        {
            throw new ZaloValidationException($"query \"{query}\" is already mapped (as \"{_queries[key].Key}\"; matching ignores case, diacritics and spaces).", nameof(query));
        }

        return this;
    }

    /// <summary>Routes the exact query <paramref name="query"/> to a handler that returns a
    /// <see cref="Task"/>, such as a client call: <c>Map("#lienhe", (ctx, ct) => ctx.Client.Messages.SendTextAsync(ctx.UserId, "…", ct))</c>.</summary>
    /// <exception cref="ZaloValidationException">The query is blank, too long, or already mapped.</exception>
    // An async lambda converts to both delegate types; without the priority every
    // `async (ctx, ct) => { … }` would be ambiguous. ValueTask-returning handlers still bind to
    // the ZaloMenuHandler overload, the only one they convert to.
    [OverloadResolutionPriority(1)]
    public ZaloMenuRouter Map(string query, Func<ZaloMenuContext, CancellationToken, Task> handler) => Map(query, FromTask(handler));

    /// <summary>Routes texts containing the words of <paramref name="keyword"/> (e.g. "xin chào") to <paramref name="handler"/>.</summary>
    /// <exception cref="ZaloValidationException">The keyword is blank or already mapped.</exception>
    public ZaloMenuRouter MapKeyword(string keyword, ZaloMenuHandler handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        var words = Words(Normalize(keyword ?? string.Empty));
        if (words.Length == 0)
        {
            throw new ZaloValidationException("keyword must contain at least one word, e.g. \"menu\".", nameof(keyword));
        }

        var key = string.Concat(words);
        if (_keywords.Any(r => r.Compact == key))
        {
            throw new ZaloValidationException($"keyword \"{keyword}\" is already mapped.", nameof(keyword));
        }

        _keywords.Add(new Route(keyword!, key, words, handler, true));
        return this;
    }

    /// <summary>Routes texts containing the words of <paramref name="keyword"/> to a handler that returns a <see cref="Task"/>.</summary>
    /// <exception cref="ZaloValidationException">The keyword is blank or already mapped.</exception>
    [OverloadResolutionPriority(1)] // see Map(string, Func<…>)
    public ZaloMenuRouter MapKeyword(string keyword, Func<ZaloMenuContext, CancellationToken, Task> handler) => MapKeyword(keyword, FromTask(handler));

    /// <summary>Routes each of <paramref name="keywords"/> to a handler that returns a <see cref="Task"/>.</summary>
    [OverloadResolutionPriority(1)] // see Map(string, Func<…>)
    public ZaloMenuRouter MapKeywords(IEnumerable<string> keywords, Func<ZaloMenuContext, CancellationToken, Task> handler) => MapKeywords(keywords, FromTask(handler));

    /// <summary>Routes each of <paramref name="keywords"/> to <paramref name="handler"/>.</summary>
    public ZaloMenuRouter MapKeywords(IEnumerable<string> keywords, ZaloMenuHandler handler)
    {
        ArgumentNullException.ThrowIfNull(keywords);
        foreach (var keyword in keywords)
        {
            MapKeyword(keyword, handler);
        }

        return this;
    }

    /// <inheritdoc />
    public virtual async ValueTask<bool> TryRouteAsync(ZaloMenuQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var route = Find(query.Text);
        if (route is null)
        {
            return false;
        }

        Log.Routed(_logger, route.Key, query.UserId, query.OaId);
        var client = _clients.GetClient(query.OaId);
        if (_scopes is null)
        {
            await route.Handler(new ZaloMenuContext(query, client, EmptyServices.Instance, route.Key, route.IsKeyword), cancellationToken).ConfigureAwait(false);
            return true;
        }

        var scope = _scopes.CreateAsyncScope();
        await using (scope.ConfigureAwait(false))
        {
            await route.Handler(new ZaloMenuContext(query, client, scope.ServiceProvider, route.Key, route.IsKeyword), cancellationToken).ConfigureAwait(false);
        }

        return true;
    }

    private static ZaloMenuHandler FromTask(Func<ZaloMenuContext, CancellationToken, Task> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        return (context, cancellationToken) => new ValueTask(handler(context, cancellationToken));
    }

    /// <summary>The route <paramref name="text"/> reaches, or null.</summary>
    internal Route? Find(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var normalized = Normalize(text);
        var compact = Compact(normalized);
        if (_queries.TryGetValue(compact, out var query))
        {
            return query;
        }

        // People end a typed greeting with "!", "..." or an emoji ("Xin chào!", "menu 😊"): the
        // query still counts as the whole text. Tried only after the exact form, so a query that
        // itself ends in punctuation keeps matching exactly.
        var end = compact.Length;
        while (end > 0 && IsTrailingNoise(compact[end - 1]))
        {
            end--;
        }

        if (end > 0 && end < compact.Length
            && _queries.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(compact.AsSpan(0, end), out query))
        {
            return query;
        }

        var words = Words(normalized);
        foreach (var keyword in _keywords)
        {
            if (keyword.Compact == compact || ContainsSequence(words, keyword.Words))
            {
                return keyword;
            }
        }

        return null;
    }

    /// <summary>
    /// Lower-cases, removes Vietnamese diacritics (đ → d) and collapses whitespace:
    /// "  Thủ TỤC   hành chính " → "thu tuc hanh chinh".
    /// </summary>
    internal static string Normalize(string text)
    {
        var decomposed = text.Normalize(NormalizationForm.FormD);
        var sb = new StringBuilder(decomposed.Length);
        var space = false;
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            if (char.IsWhiteSpace(c))
            {
                space = sb.Length > 0;
                continue;
            }

            if (space)
            {
                sb.Append(' ');
                space = false;
            }

            sb.Append(c is 'đ' or 'Đ' ? 'd' : char.ToLowerInvariant(c));
        }

        return sb.ToString();
    }

    /// <summary>What may follow a whole-text query: punctuation, symbols and emoji (surrogate
    /// halves), not letters, digits or the <c>#</c> of a payload.</summary>
    private static bool IsTrailingNoise(char c) => !char.IsLetterOrDigit(c) && c != '#';

    private static string Compact(string normalized) => normalized.Replace(" ", string.Empty, StringComparison.Ordinal);

    private static string[] Words(string normalized) =>
        normalized.SplitWhere(static c => !char.IsLetterOrDigit(c) && c != '#');

    private static bool ContainsSequence(string[] words, string[] sequence)
    {
        for (var i = 0; i + sequence.Length <= words.Length; i++)
        {
            if (words.AsSpan(i, sequence.Length).SequenceEqual(sequence))
            {
                return true;
            }
        }

        return false;
    }

    internal sealed record Route(string Key, string Compact, string[] Words, ZaloMenuHandler Handler, bool IsKeyword);

    private sealed class EmptyServices : IServiceProvider
    {
        public static readonly EmptyServices Instance = new();

        public object? GetService(Type serviceType) => null;
    }

    private static partial class Log
    {
        [LoggerMessage(3101, LogLevel.Debug, "Menu route {Route} matched a text from user {UserId} on OA {OaId}.")]
        public static partial void Routed(ILogger logger, string route, string userId, string oaId);
    }
}

internal static class StringSplitExtensions
{
    /// <summary>Splits on every char matching <paramref name="isSeparator"/>, dropping empty parts.</summary>
    public static string[] SplitWhere(this string text, Func<char, bool> isSeparator)
    {
        var parts = new List<string>();
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            var separator = i == text.Length || isSeparator(text[i]);
            if (!separator && start < 0)
            {
                start = i;
            }
            else if (separator && start >= 0)
            {
                parts.Add(text[start..i]);
                start = -1;
            }
        }

        return [.. parts];
    }
}

/// <summary>One <c>AddMenuRouter</c> configuration.</summary>
internal sealed record MenuRouterRegistration(Action<ZaloMenuRouter> Configure);
