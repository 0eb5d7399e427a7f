namespace ZaloOA.PoliceDesk.Channel;

/// <summary>
/// How the desk talks to a citizen through a unit's Zalo Official Account. Phase 1 ships an
/// in-memory implementation (<see cref="InMemoryCitizenChannel"/>); phase 2 implements it with the
/// SDK's <c>MessagesClient</c> (text, image, file) and the quota call's <c>last_interaction</c>.
/// Implementations never throw for Zalo's answers: they return a <see cref="ChannelSendResult"/>;
/// only cancellation and programming errors escape.
/// </summary>
public interface ICitizenChannel
{
    /// <summary>Sends a consultation text message.</summary>
    Task<ChannelSendResult> SendTextAsync(string oaId, string citizenUserId, string text, CancellationToken cancellationToken = default);

    /// <summary>Sends an image (jpg/png, at most 1 MB as Zalo requires) with an optional caption.</summary>
    Task<ChannelSendResult> SendImageAsync(string oaId, string citizenUserId, OutgoingFile image, string? caption, CancellationToken cancellationToken = default);

    /// <summary>Sends a file (PDF/DOC/DOCX/CSV, at most 5 MB as Zalo requires).</summary>
    Task<ChannelSendResult> SendFileAsync(string oaId, string citizenUserId, OutgoingFile file, CancellationToken cancellationToken = default);

    /// <summary>The consultation-window state from the citizen's last interaction with the OA as
    /// Zalo knows it, or null when the channel cannot tell (the desk then uses its own history).</summary>
    Task<ConsultationWindow?> GetConsultationWindowAsync(string oaId, string citizenUserId, CancellationToken cancellationToken = default);
}

/// <summary>A file to send.</summary>
public sealed record OutgoingFile(string FileName, string ContentType, ReadOnlyMemory<byte> Content);

/// <summary>Outcome kinds of a send.</summary>
public enum ChannelSendStatus
{
    /// <summary>Zalo accepted the message.</summary>
    Sent,
    /// <summary>Zalo refused with <c>-230</c>: the citizen has not interacted with the OA in the
    /// past 7 days. Not retryable until the citizen writes again.</summary>
    WindowClosed,
    /// <summary>The OA is not connected (no token) or not linked to this app.</summary>
    NotConnected,
    /// <summary>Zalo refused for another reason; see the error code.</summary>
    Rejected,
    /// <summary>A transient failure (network, timeout, rate limit); worth retrying.</summary>
    TransientFailure,
}

/// <summary>The typed outcome of a send.</summary>
public sealed record ChannelSendResult(ChannelSendStatus Status, string? ZaloMessageId = null, int? ErrorCode = null, string? Error = null)
{
    /// <summary>Zalo's "user has not interacted with the OA in the past 7 days".</summary>
    public const int WindowClosedErrorCode = -230;

    public bool IsSent => Status == ChannelSendStatus.Sent;

    public static ChannelSendResult Sent(string? zaloMessageId) => new(ChannelSendStatus.Sent, zaloMessageId);

    public static ChannelSendResult WindowClosed() =>
        new(ChannelSendStatus.WindowClosed, ErrorCode: WindowClosedErrorCode, Error: "User has not interacted with the OA in the past 7 days");

    public static ChannelSendResult Rejected(int errorCode, string? error) => new(ChannelSendStatus.Rejected, ErrorCode: errorCode, Error: error);

    public static ChannelSendResult Transient(string? error) => new(ChannelSendStatus.TransientFailure, Error: error);

    public static ChannelSendResult NotConnected(string? error) => new(ChannelSendStatus.NotConnected, Error: error);
}

/// <summary>
/// Zalo's consultation window: consultation messages may be sent within 7 days of the citizen's
/// last interaction (after that Zalo answers -230), and are free within the first 48 hours.
/// </summary>
public sealed record ConsultationWindow(DateTimeOffset? LastInteractionAt, DateTimeOffset EvaluatedAt, WindowSource Source)
{
    public static readonly TimeSpan OpenFor = TimeSpan.FromDays(7);

    public static readonly TimeSpan FreeFor = TimeSpan.FromHours(48);

    /// <summary>Consultation messages are allowed.</summary>
    public bool IsOpen => LastInteractionAt is { } last && EvaluatedAt - last < OpenFor;

    /// <summary>Inside the free 48-hour window.</summary>
    public bool IsFree => LastInteractionAt is { } last && EvaluatedAt - last < FreeFor;

    public DateTimeOffset? ClosesAt => LastInteractionAt + OpenFor;

    public DateTimeOffset? FreeUntil => LastInteractionAt + FreeFor;
}

/// <summary>Where a window state came from.</summary>
public enum WindowSource
{
    /// <summary>Zalo's own record (phase 2: the quota call's <c>last_interaction</c>).</summary>
    Zalo,
    /// <summary>The desk's record of the citizen's last message.</summary>
    DeskHistory,
}
