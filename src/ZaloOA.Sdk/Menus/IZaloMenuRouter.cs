namespace ZaloOA.Sdk.Menus;

/// <summary>
/// Routes a citizen's text (a tapped menu item's query such as <c>#tintuc</c>, or a typed keyword
/// such as "menu") to the handler registered for it. The webhook dispatcher offers every
/// <c>user_send_text</c> event to the router before the ordinary text handlers.
/// </summary>
public interface IZaloMenuRouter
{
    /// <summary>Runs the handler that matches <paramref name="query"/>; false when none matches.</summary>
    ValueTask<bool> TryRouteAsync(ZaloMenuQuery query, CancellationToken cancellationToken = default);
}

/// <summary>A text from a follower that may be a menu query or keyword.</summary>
/// <param name="OaId">The Official Account that received it.</param>
/// <param name="UserId">The follower's id (per OA).</param>
/// <param name="Text">The text exactly as received.</param>
/// <param name="MessageId">The inbound message id, for replies that quote or answer it.</param>
public sealed record ZaloMenuQuery(string OaId, string UserId, string Text, string? MessageId);
