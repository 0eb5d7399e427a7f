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
            if (webhookEvent is UserSendTextEvent text && sp.GetService<IZaloMenuRouter>() is { } router)
            {
                var query = new ZaloMenuQuery(text.OaId, text.UserId, text.Text, text.MessageId);
                if (await router.TryRouteAsync(query, cancellationToken).ConfigureAwait(false))
                {
                    LogRoutedToMenu(_logger, text.OaId, text.UserId);
                    return 1;
                }
            }

            var row = ZaloWebhookEventRegistry.Find(webhookEvent.GetType());
            var count = await (row is null ? InvokeAsync(sp, webhookEvent, cancellationToken) : row.DispatchAsync(sp, webhookEvent, cancellationToken)).ConfigureAwait(false);
            if (count == 0)
            {
                LogNoHandler(_logger, webhookEvent.EventName.Value);
            }

            return count;
        }
    }

    /// <summary>Runs the handlers of <typeparamref name="T"/> and then of each of its base types
    /// (called through the event's registry row, which knows <typeparamref name="T"/>).</summary>
    internal static async Task<int> InvokeAsync<T>(IServiceProvider sp, T webhookEvent, CancellationToken cancellationToken)
        where T : ZaloWebhookEvent
    {
        var count = await InvokeExactAsync(sp, webhookEvent, cancellationToken).ConfigureAwait(false);
        if (typeof(T) != typeof(UserMessageEvent) && webhookEvent is UserMessageEvent user)
        {
            count += await InvokeExactAsync(sp, user, cancellationToken).ConfigureAwait(false);
        }

        if (typeof(T) != typeof(GroupMessageEvent) && webhookEvent is GroupMessageEvent groupMessage)
        {
            count += await InvokeExactAsync(sp, groupMessage, cancellationToken).ConfigureAwait(false);
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

        if (typeof(T) != typeof(GroupEvent) && webhookEvent is GroupEvent group)
        {
            count += await InvokeExactAsync(sp, group, cancellationToken).ConfigureAwait(false);
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
