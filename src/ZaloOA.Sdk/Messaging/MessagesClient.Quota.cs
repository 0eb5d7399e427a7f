using ZaloOA.Sdk.Internal;

namespace ZaloOA.Sdk.Messaging;

public partial class MessagesClient
{
    private const string QuotaV2Path = "v2.0/oa/quota/message";
    private const string QuotaV3Path = "v3.0/oa/quota/message";

    /// <summary>
    /// The OA's proactive consultation quota (<c>POST /v2.0/oa/quota/message</c> with no body). Legacy endpoint;
    /// the response shape is single-source. [S]
    /// </summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    public virtual Task<ZaloLegacyMessageQuota> GetProactiveQuotaAsync(CancellationToken cancellationToken = default) =>
        Connection.SendAsync(OaId, ZaloApiRequest.PostEmpty("messages.quota", QuotaV2Path, idempotent: true), MessagingJsonContext.Default.ZaloLegacyMessageQuota, cancellationToken);

    /// <summary>The free replies left for one inbound message within its 48 hours (<c>{"message_id"}</c> on the v2 quota call).</summary>
    /// <param name="messageId">The inbound message's id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public virtual Task<ZaloLegacyMessageQuota> GetReplyQuotaAsync(string messageId, CancellationToken cancellationToken = default)
    {
        var body = new QuotaV2Body { MessageId = ZaloGuard.Required(messageId, "message_id") };
        return Connection.SendAsync(OaId, ZaloApiRequest.PostJson("messages.quota", QuotaV2Path, body, MessagingJsonContext.Default.QuotaV2Body, idempotent: true), MessagingJsonContext.Default.ZaloLegacyMessageQuota, cancellationToken);
    }

    /// <summary>The promotion messages left for a follower (<c>{"user_id","type":"promotion"}</c> on the v2 quota call).</summary>
    /// <param name="userId">The follower's user id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public virtual Task<ZaloLegacyMessageQuota> GetPromotionQuotaAsync(string userId, CancellationToken cancellationToken = default)
    {
        var body = new QuotaV2Body { UserId = ZaloGuard.Required(userId, "user_id"), Type = "promotion" };
        return Connection.SendAsync(OaId, ZaloApiRequest.PostJson("messages.quota", QuotaV2Path, body, MessagingJsonContext.Default.QuotaV2Body, idempotent: true), MessagingJsonContext.Default.ZaloLegacyMessageQuota, cancellationToken);
    }

    /// <summary>
    /// A follower's last interaction and quotas (<c>POST /v3.0/oa/quota/message</c> with <c>{"user_id"}</c>). [S]
    /// </summary>
    /// <param name="userId">The follower's user id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public virtual Task<ZaloUserMessageQuota> GetUserQuotaAsync(string userId, CancellationToken cancellationToken = default)
    {
        var body = new QuotaV3Body { UserId = ZaloGuard.Required(userId, "user_id") };
        return Connection.SendAsync(OaId, ZaloApiRequest.PostJson("messages.quota", QuotaV3Path, body, MessagingJsonContext.Default.QuotaV3Body, idempotent: true), MessagingJsonContext.Default.ZaloUserMessageQuota, cancellationToken);
    }

    /// <summary>
    /// Fetches the follower's last interaction (<see cref="GetUserQuotaAsync"/>) and evaluates the
    /// consultation window now, so a caller can choose between a consultation message and a ZBS
    /// template before sending.
    /// </summary>
    /// <param name="userId">The follower's user id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public virtual async Task<ZaloMessageWindowStatus> GetWindowAsync(string userId, CancellationToken cancellationToken = default)
    {
        var quota = await GetUserQuotaAsync(userId, cancellationToken).ConfigureAwait(false);
        return ZaloMessageWindow.Evaluate(quota.LastInteraction, Connection.TimeProvider);
    }
}
