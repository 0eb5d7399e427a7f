using ZaloOA.PoliceDesk.Domain;

namespace ZaloOA.PoliceDesk.Outbox;

/// <summary>
/// A message to a citizen, stored before anything is sent: the background sender
/// (<see cref="OutboxWorker"/>) claims it, sends it and records Zalo's answer here and on the
/// conversation row. Rows of one conversation are sent in <see cref="Id"/> order.
/// </summary>
public sealed class OutboxMessage
{
    public int Id { get; set; }

    /// <summary>The case the message belongs to; null for menu answers outside a case.</summary>
    public int? CaseId { get; set; }

    /// <summary>The conversation row that shows this message and its delivery state (with <see cref="CaseId"/>).</summary>
    public int? CaseMessageId { get; set; }

    public string OaId { get; set; } = "";

    public string CitizenUserId { get; set; } = "";

    /// <summary>What to send (<see cref="OutboundContent"/> as JSON).</summary>
    public string Content { get; set; } = "";

    /// <summary>Sent instead when Zalo refuses <see cref="Content"/>'s template with -201 (the list
    /// template on the v3 endpoint is documented for v2 only [U]); null for none.</summary>
    public string? FallbackContent { get; set; }

    public DeliveryStatus Status { get; set; }

    /// <summary>Claims so far (each is one attempt, whether or not it reached Zalo).</summary>
    public int Attempts { get; set; }

    /// <summary>When the row is next due; while claimed, when the claim's lease ends.</summary>
    public DateTimeOffset NextAttemptAt { get; set; }

    /// <summary>The current claim: only the instance holding it may record the outcome, so a send
    /// that outlived its lease cannot overwrite the one that replaced it.</summary>
    public Guid? ClaimToken { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? CompletedAt { get; set; }

    /// <summary>Why the last attempt failed, in words an officer can act on.</summary>
    public string? LastError { get; set; }

    /// <summary>Zalo's <c>message_id</c> once sent (echo events carry it).</summary>
    public string? ZaloMessageId { get; set; }
}
