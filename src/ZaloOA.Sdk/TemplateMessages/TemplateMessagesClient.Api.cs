using System.Globalization;
using ZaloOA.Sdk.Internal;

namespace ZaloOA.Sdk.TemplateMessages;

public partial class TemplateMessagesClient
{
    /// <summary>Sends a template to a phone number (<c>POST /message/template</c> on business.openapi.zalo.me).</summary>
    /// <param name="phone">The number in any common form; sent as <c>84…</c>.</param>
    /// <param name="templateId">The approved template's id.</param>
    /// <param name="templateData">The template's parameters by name.</param>
    /// <param name="trackingId">Your id for this send (at most 48 characters), or null.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public virtual Task<ZaloTemplateSendResult> SendAsync(string phone, string templateId, IReadOnlyDictionary<string, string> templateData, string? trackingId = null, CancellationToken cancellationToken = default) =>
        SendAsync(new ZaloTemplateMessageRequest { Phone = phone, TemplateId = templateId, TemplateData = templateData, TrackingId = trackingId }, cancellationToken);

    /// <summary>
    /// Sends a template to <see cref="ZaloTemplateMessageRequest.Phone"/> (<c>POST /message/template</c>) or to
    /// <see cref="ZaloTemplateMessageRequest.HashPhone"/> (<c>POST /message/template/hashphone</c>). ZNS reaches
    /// citizens whatever their last interaction, so it is the fallback when a consultation message fails with -230.
    /// </summary>
    /// <param name="request">The message.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="ZaloValidationException">Neither or both recipients set, a bad phone or hash, or a tracking id over 48 characters.</exception>
    public virtual Task<ZaloTemplateSendResult> SendAsync(ZaloTemplateMessageRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if ((request.Phone is null) == (request.HashPhone is null))
        {
            throw ZaloGuard.Invalid("Set exactly one of phone or hash_phone.", "phone");
        }

        string? hash = null;
        if (request.HashPhone is not null)
        {
            hash = request.HashPhone.Trim().ToLowerInvariant();
            if (hash.Length != 64 || !hash.All(char.IsAsciiHexDigit))
            {
                throw ZaloGuard.Invalid("hash_phone must be the 64-character hex SHA-256 of the normalised number; compute it with ZaloPhoneNumber.Hash.", "hash_phone");
            }
        }

        var tracking = ZaloGuard.Text(request.TrackingId, "tracking_id", ZaloTemplateMessageRequest.MaxTrackingIdLength, required: false);
        var body = new TemplateSendBody
        {
            Mode = request.DevelopmentMode ? "development" : null,
            Phone = request.Phone is null ? null : ZaloPhoneNumber.Normalize(request.Phone),
            HashPhone = hash,
            TemplateId = ZaloGuard.Required(request.TemplateId, "template_id"),
            TemplateData = request.TemplateData is null ? [] : new Dictionary<string, string>(request.TemplateData, StringComparer.Ordinal),
            TrackingId = string.IsNullOrEmpty(tracking) ? null : tracking,
        };
        var path = hash is null ? "message/template" : "message/template/hashphone";
        var operation = hash is null ? "zns.send" : "zns.send_hashphone";
        return Connection.SendAsync(OaId, ZaloApiRequest.PostJson(operation, path, body, TemplateMessagesJsonContext.Default.TemplateSendBody, host: ZaloApiHost.Business), TemplateMessagesJsonContext.Default.ZaloTemplateSendResult, cancellationToken);
    }

    /// <summary>The OA's templates (<c>GET /template/all</c>).</summary>
    /// <param name="offset">Where the page starts.</param>
    /// <param name="limit">Templates per page, 1 to 100.</param>
    /// <param name="status">Only templates with this status code (1 enabled, 2 pending review, 3 rejected, 4 disabled), or null.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public virtual async Task<IReadOnlyList<ZaloTemplateSummary>> GetTemplatesAsync(int offset = 0, int limit = 100, int? status = null, CancellationToken cancellationToken = default)
    {
        ZaloGuard.Range(offset, nameof(offset), 0, int.MaxValue);
        ZaloGuard.Range(limit, nameof(limit), 1, 100);
        var query = string.Create(CultureInfo.InvariantCulture, $"offset={offset}&limit={limit}");
        if (status is { } s)
        {
            query += string.Create(CultureInfo.InvariantCulture, $"&status={s}");
        }

        return await Connection.SendAsync(OaId, ZaloApiRequest.Get("zns.templates", "template/all", query, ZaloApiHost.Business), TemplateMessagesJsonContext.Default.ListZaloTemplateSummary, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A template's parameters and settings (<c>GET /template/info/v2</c>).</summary>
    /// <param name="templateId">The template id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public virtual Task<ZaloTemplateInfo> GetTemplateAsync(string templateId, CancellationToken cancellationToken = default)
    {
        var query = "template_id=" + Uri.EscapeDataString(ZaloGuard.Required(templateId, nameof(templateId)));
        return Connection.SendAsync(OaId, ZaloApiRequest.Get("zns.template", "template/info/v2", query, ZaloApiHost.Business), TemplateMessagesJsonContext.Default.ZaloTemplateInfo, cancellationToken);
    }

    /// <summary>The OA's daily ZNS quota (<c>GET /message/quota</c>).</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    public virtual Task<ZaloTemplateQuota> GetQuotaAsync(CancellationToken cancellationToken = default) =>
        Connection.SendAsync(OaId, ZaloApiRequest.Get("zns.quota", "message/quota", null, ZaloApiHost.Business), TemplateMessagesJsonContext.Default.ZaloTemplateQuota, cancellationToken);

    /// <summary>Delivery status of a sent template (<c>GET /message/status</c>).</summary>
    /// <param name="messageId">The <c>msg_id</c> of the send.</param>
    /// <param name="phone">The recipient's number; sent as <c>84…</c>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public virtual Task<ZaloTemplateMessageStatus> GetMessageStatusAsync(string messageId, string phone, CancellationToken cancellationToken = default)
    {
        var query = "message_id=" + Uri.EscapeDataString(ZaloGuard.Required(messageId, nameof(messageId))) + "&phone=" + ZaloPhoneNumber.Normalize(phone);
        return Connection.SendAsync(OaId, ZaloApiRequest.Get("zns.status", "message/status", query, ZaloApiHost.Business), TemplateMessagesJsonContext.Default.ZaloTemplateMessageStatus, cancellationToken);
    }
}
