using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using ZaloOA.Sdk.Menus;

namespace ZaloOA.Sdk.Webhooks;

/// <summary>
/// Delivers a parsed event to the registered handlers, in a new DI scope per event: first the
/// <see cref="IZaloWebhookHandler{TEvent}"/>s of its concrete type, then those of its base types,
/// then <see cref="IZaloWebhookHandler{TEvent}"/> of <see cref="ZaloWebhookEvent"/> (which includes
/// registered <see cref="ZaloWebhookProcessor"/>s). A <c>user_send_text</c> is first offered to the
/// registered <see cref="IZaloMenuRouter"/>; when the router handles it no handler is called.
/// Handlers run one after another; the first exception stops the dispatch and propagates, so the
/// caller can retry the whole event.
/// </summary>
public partial class ZaloWebhookDispatcher
{
    private readonly IServiceScopeFactory _scopes = null!;
    private readonly ILogger _logger = NullLogger.Instance;

    /// <summary>For mocking only.</summary>
    protected ZaloWebhookDispatcher()
    {
    }

    /// <summary>Creates the dispatcher.</summary>
    public ZaloWebhookDispatcher(IServiceScopeFactory scopes, ILogger<ZaloWebhookDispatcher> logger)
    {
        ArgumentNullException.ThrowIfNull(scopes);
        ArgumentNullException.ThrowIfNull(logger);
        _scopes = scopes;
        _logger = logger;
    }

    /// <summary>Runs the menu router (for texts) and the handlers of the event.</summary>
    /// <returns>The number of handlers (or 1 for the menu router) that ran.</returns>
    public virtual async Task<int> DispatchAsync(ZaloWebhookEvent webhookEvent, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(webhookEvent);
        var scope = _scopes.CreateAsyncScope();
        await using (scope.ConfigureAwait(false))
        {
            var sp = scope.ServiceProvider;
            if (webhookEvent is UserSendTextEvent text && text.Text is { } body && sp.GetService<IZaloMenuRouter>() is { } router)
            {
                var query = new ZaloMenuQuery(text.OaId ?? string.Empty, text.UserId ?? string.Empty, body, text.MessageId);
                if (await router.TryRouteAsync(query, cancellationToken).ConfigureAwait(false))
                {
                    LogRoutedToMenu(_logger, text.OaId, text.UserId);
                    return 1;
                }
            }

            var count = await (webhookEvent switch
            {
            UserSendTextEvent e => InvokeAsync(sp, e, cancellationToken),
            UserSendImageEvent e => InvokeAsync(sp, e, cancellationToken),
            UserSendGifEvent e => InvokeAsync(sp, e, cancellationToken),
            UserSendStickerEvent e => InvokeAsync(sp, e, cancellationToken),
            UserSendAudioEvent e => InvokeAsync(sp, e, cancellationToken),
            UserSendVideoEvent e => InvokeAsync(sp, e, cancellationToken),
            UserSendFileEvent e => InvokeAsync(sp, e, cancellationToken),
            UserSendLinkEvent e => InvokeAsync(sp, e, cancellationToken),
            UserSendLocationEvent e => InvokeAsync(sp, e, cancellationToken),
            UserSendBusinessCardEvent e => InvokeAsync(sp, e, cancellationToken),
            UserSendContactEvent e => InvokeAsync(sp, e, cancellationToken),
            OaSendMessageEvent e => InvokeAsync(sp, e, cancellationToken),
            AnonymousMessageEvent e => InvokeAsync(sp, e, cancellationToken),
            GroupMessageEvent e => InvokeAsync(sp, e, cancellationToken),
            UserReceivedMessageEvent e => InvokeAsync(sp, e, cancellationToken),
            UserSeenMessageEvent e => InvokeAsync(sp, e, cancellationToken),
            ZnsDeliveryReceiptEvent e => InvokeAsync(sp, e, cancellationToken),
            MessageReactionEvent e => InvokeAsync(sp, e, cancellationToken),
            FollowEvent e => InvokeAsync(sp, e, cancellationToken),
            UnfollowEvent e => InvokeAsync(sp, e, cancellationToken),
            UserSubmitInfoEvent e => InvokeAsync(sp, e, cancellationToken),
            UserClickChatNowEvent e => InvokeAsync(sp, e, cancellationToken),
            AddUserToTagEvent e => InvokeAsync(sp, e, cancellationToken),
            WidgetEvent e => InvokeAsync(sp, e, cancellationToken),
            CallEvent e => InvokeAsync(sp, e, cancellationToken),
            ShopHasOrderEvent e => InvokeAsync(sp, e, cancellationToken),
            PermissionRevokedEvent e => InvokeAsync(sp, e, cancellationToken),
            GroupEvent e => InvokeAsync(sp, e, cancellationToken),
            ZnsTemplateEvent e => InvokeAsync(sp, e, cancellationToken),
            UnknownZaloEvent e => InvokeAsync(sp, e, cancellationToken),
                _ => InvokeAsync(sp, webhookEvent, cancellationToken),
            }).ConfigureAwait(false);
            if (count == 0)
            {
                LogNoHandler(_logger, webhookEvent.EventName.Value);
            }

            return count;
        }
    }

    private static async Task<int> InvokeAsync<T>(IServiceProvider sp, T webhookEvent, CancellationToken cancellationToken)
        where T : ZaloWebhookEvent
    {
        var count = await InvokeExactAsync(sp, webhookEvent, cancellationToken).ConfigureAwait(false);
        if (typeof(T) != typeof(UserMessageEvent) && webhookEvent is UserMessageEvent user)
        {
            count += await InvokeExactAsync(sp, user, cancellationToken).ConfigureAwait(false);
        }

        if (typeof(T) != typeof(ZaloMessageEvent) && webhookEvent is ZaloMessageEvent message)
        {
            count += await InvokeExactAsync(sp, message, cancellationToken).ConfigureAwait(false);
        }

        if (typeof(T) != typeof(MessageStatusEvent) && webhookEvent is MessageStatusEvent status)
        {
            count += await InvokeExactAsync(sp, status, cancellationToken).ConfigureAwait(false);
        }

        if (typeof(T) != typeof(FollowerEvent) && webhookEvent is FollowerEvent follower)
        {
            count += await InvokeExactAsync(sp, follower, cancellationToken).ConfigureAwait(false);
        }

        if (typeof(T) != typeof(ZaloWebhookEvent))
        {
            count += await InvokeExactAsync<ZaloWebhookEvent>(sp, webhookEvent, cancellationToken).ConfigureAwait(false);
        }

        return count;
    }

    private static async Task<int> InvokeExactAsync<T>(IServiceProvider sp, T webhookEvent, CancellationToken cancellationToken)
        where T : ZaloWebhookEvent
    {
        var count = 0;
        foreach (var handler in sp.GetServices<IZaloWebhookHandler<T>>())
        {
            await handler.HandleAsync(webhookEvent, cancellationToken).ConfigureAwait(false);
            count++;
        }

        return count;
    }

    [LoggerMessage(1, LogLevel.Debug, "Zalo text from user {UserId} to OA {OaId} was handled by the menu router.")]
    private static partial void LogRoutedToMenu(ILogger logger, string? oaId, string? userId);

    [LoggerMessage(2, LogLevel.Debug, "No handler is registered for the Zalo webhook event {EventName}.")]
    private static partial void LogNoHandler(ILogger logger, string eventName);
}
