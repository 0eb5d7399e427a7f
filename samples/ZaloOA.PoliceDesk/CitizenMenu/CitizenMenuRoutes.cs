using ZaloOA.PoliceDesk.Outbox;
using ZaloOA.Sdk.DependencyInjection;
using ZaloOA.Sdk.Menus;
using ZaloOA.Sdk.Messaging;
using ZaloOA.Sdk.Webhooks;

namespace ZaloOA.PoliceDesk.CitizenMenu;

/// <summary>
/// The citizen menu on the SDK's menu router: the admin menu's three queries (<c>#tintuc</c>,
/// <c>#thutuc</c>, <c>#lienhe</c>) and the same three titles typed as text ("Tin tức",
/// "Thủ tục hành chính", "Liên hệ"), the in-chat buttons' queries (<c>#thutuc cutru</c>,
/// <c>#thutuc cutru dang-ky-thuong-tru</c>), the status look-up (<c>#hoso CODE</c>) and greetings.
/// Every answer is queued in the outbox (<see cref="CitizenOutbox"/>), never sent inline: the
/// webhook answers as soon as the answer is stored, whether or not Zalo is reachable.
/// </summary>
/// <remarks>
/// Greetings and typed titles are mapped as whole-text queries, not keywords: the router's keywords
/// also match inside longer texts, and "Chào anh, nhà tôi bị trộm" must reach the inbox as a
/// report, not answer with the menu ("Xin chào!" or "chào anh 😊" still count: the router ignores
/// case, diacritics, spaces, trailing punctuation and emoji). Any other text, procedure questions
/// included, is not routed and lands in the desk's inbox, where the categorizer files procedure
/// questions as "thủ tục hành chính".
/// </remarks>
public static class CitizenMenuRoutes
{
    /// <summary>"Tin tức".</summary>
    public const string News = "#tintuc";

    /// <summary>"Thủ tục hành chính" (with an optional category code and procedure code).</summary>
    public const string Procedures = "#thutuc";

    /// <summary>"Liên hệ".</summary>
    public const string Contact = "#lienhe";

    /// <summary>Status look-up of a report or a dossier: <c>#hoso CODE</c>.</summary>
    public const string Dossier = "#hoso";

    /// <summary>Texts that answer with the menu (whole text; case, diacritics and spaces ignored).</summary>
    public static readonly IReadOnlyList<string> Greetings = ["xin chào", "chào", "chào bạn", "chào anh", "chào chị", "hi", "hello", "menu"];

    /// <summary>
    /// Adds the citizen menu: the routes above on the SDK's menu router, and the menu sent to new
    /// followers (<c>follow</c> webhook). Requires <c>services.AddCitizenServices()</c>.
    /// </summary>
    public static ZaloOABuilder AddCitizenMenu(this ZaloOABuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddMenuRouter(Configure);
        builder.AddWebhookHandler<FollowEvent, CitizenFollowHandler>();
        return builder;
    }

    /// <summary>Maps the routes on <paramref name="router"/>.</summary>
    public static void Configure(ZaloMenuRouter router)
    {
        ArgumentNullException.ThrowIfNull(router);
        // Each of the menu's buttons (CitizenReplies.MainButtons) answers to its query and to its title typed as text.
        foreach (var button in CitizenReplies.MainButtons)
        {
            var handler = Handler(button.Action.Query!);
            router.Map(button.Action.Query!, handler);
            router.Map(button.Title, handler);
        }

        // "#thutuc" with arguments: a keyword matches the first word and the arguments follow.
        router.MapKeyword(Procedures, Handler(Procedures));
        router.MapKeyword(Dossier, (ctx, ct) => ReplyAsync(ctx, async r =>
        {
            var args = Arguments(ctx.Query.Text, Dossier);
            return [await r.DossierAsync(ctx.Query.OaId, ctx.UserId, args.Count > 0 ? args[0] : null, ct)];
        }, ct));
        foreach (var greeting in Greetings)
        {
            router.Map(greeting, (ctx, ct) => ReplyAsync(ctx, async r => [await r.MainMenuAsync(ctx.Query.OaId, ct)], ct));
        }
    }

    /// <summary>The words after <paramref name="route"/> in the follower's text (<c>"#thutuc cutru"</c> → <c>["cutru"]</c>).</summary>
    internal static List<string> Arguments(string text, string route)
    {
        var words = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
        var at = words.FindIndex(w => w.Replace(" ", "", StringComparison.Ordinal).Equals(route, StringComparison.OrdinalIgnoreCase));
        return at < 0 ? [] : words.GetRange(at + 1, words.Count - at - 1);
    }

    private static ZaloMenuHandler Handler(string route) => route switch
    {
        News => QueueNewsAsync,
        Contact => (ctx, ct) => ReplyAsync(ctx, async r => [await r.ContactAsync(ctx.Query.OaId, ct)], ct),
        Procedures => (ctx, ct) => ReplyAsync(ctx, r =>
        {
            var args = Arguments(ctx.Query.Text, Procedures);
            return args.Count switch
            {
                0 => r.CategoriesAsync(null, ct),
                1 => r.CategoryAsync(args[0], ct),
                _ => r.ProcedureAsync(args[0], args[1], ct),
            };
        }, ct),
        _ => throw new ArgumentOutOfRangeException(nameof(route), route, "No handler for this menu route."),
    };

    /// <summary>"Tin tức" as a list; if Zalo refuses the list template (-201 on the v3 endpoint, [U]),
    /// the sender sends the same articles as link buttons instead.</summary>
    private static async ValueTask QueueNewsAsync(ZaloMenuContext ctx, CancellationToken cancellationToken)
    {
        var replies = ctx.Services.GetRequiredService<CitizenReplies>();
        var unit = await replies.UnitAsync(ctx.Query.OaId, cancellationToken);
        var news = await replies.NewsAsync(ctx.Query.OaId, cancellationToken);
        await ctx.Services.GetRequiredService<CitizenOutbox>().QueueAsync(ctx.Query.OaId, ctx.UserId, news, CitizenReplies.NewsAsButtons(news, unit.Name), cancellationToken);
    }

    private static async ValueTask ReplyAsync(ZaloMenuContext ctx, Func<CitizenReplies, Task<IReadOnlyList<ZaloMessage>>> build, CancellationToken cancellationToken)
    {
        var messages = await build(ctx.Services.GetRequiredService<CitizenReplies>());
        await ctx.Services.GetRequiredService<CitizenOutbox>().QueueAsync(ctx.Query.OaId, ctx.UserId, messages, cancellationToken);
    }
}

/// <summary>Queues the menu for a new follower.</summary>
public sealed class CitizenFollowHandler(CitizenReplies replies, CitizenOutbox outbox) : IZaloWebhookHandler<FollowEvent>
{
    /// <inheritdoc />
    public async Task HandleAsync(FollowEvent webhookEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(webhookEvent);
        if (string.IsNullOrEmpty(webhookEvent.OaId) || string.IsNullOrEmpty(webhookEvent.UserId))
        {
            return;
        }

        var menu = await replies.MainMenuAsync(webhookEvent.OaId, cancellationToken);
        await outbox.QueueAsync(webhookEvent.OaId, webhookEvent.UserId, [menu], cancellationToken);
    }
}
