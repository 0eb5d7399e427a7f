using ZaloOA.Sdk.Webhooks;

namespace ZaloOA.PoliceDesk.Citizens;

/// <summary>
/// The desk's one handler of <c>user_submit_info</c> (the citizen's answer to the request-information
/// message): stores the name, phone and address on the citizen (<see cref="CitizenProfiles.RecordSubmittedInfoAsync"/>).
/// Runs inline in the signed webhook, like intake: committed before Zalo gets its 200. The OA and the
/// citizen come from the signed event; an event without them is ignored (a redelivery would not help).
/// </summary>
public sealed partial class CitizenInfoHandler(CitizenProfiles profiles, ILogger<CitizenInfoHandler> logger) : IZaloWebhookHandler<UserSubmitInfoEvent>
{
    /// <inheritdoc />
    public async Task HandleAsync(UserSubmitInfoEvent webhookEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(webhookEvent);
        if (string.IsNullOrWhiteSpace(webhookEvent.OaId) || string.IsNullOrWhiteSpace(webhookEvent.UserId))
        {
            LogUnusable(logger);
            return;
        }

        await profiles.RecordSubmittedInfoAsync(webhookEvent, cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Ignored a user_submit_info event without OA or sender.")]
    private static partial void LogUnusable(ILogger logger);
}
