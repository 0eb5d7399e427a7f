using ZaloOA.PoliceDesk.Access;
using ZaloOA.PoliceDesk.Data;
using ZaloOA.PoliceDesk.Domain;

namespace ZaloOA.PoliceDesk.Audit;

/// <summary>
/// The one writer of the audit log: who (the signed-in person, or the system), what (an action code
/// from <see cref="AuditActions"/>, the case or unit, a detail without citizens' personal data), when
/// (the app clock) and from where (the client address, after the trusted proxies' forwarded headers).
/// A change is recorded with <see cref="Add"/> and committed by the caller's own
/// <c>SaveChanges</c>, so the change and its entry land together; a read is recorded with
/// <see cref="RecordAsync"/>. Entries are never changed or deleted (see <see cref="AuditAppendOnlyInterceptor"/>).
/// </summary>
public sealed class DeskAudit(DeskDbContext db, TimeProvider time, IHttpContextAccessor http)
{
    /// <summary>The actor name of entries the desk writes on its own (intake, workers, retention).</summary>
    public const string SystemActor = "Hệ thống";

    /// <summary>Adds an entry to the context; the caller's <c>SaveChanges</c> commits it.</summary>
    /// <param name="actor">Who acted; null for the system.</param>
    /// <param name="action">An <see cref="AuditActions"/> code.</param>
    /// <param name="unitId">The unit concerned (decides which administrators see the entry).</param>
    /// <param name="caseId">The case concerned, if any.</param>
    /// <param name="detail">What changed, never message text or a citizen's personal data.</param>
    public AuditEntry Add(DeskUser? actor, string action, int? unitId = null, int? caseId = null, string? detail = null) =>
        Add(actor?.Id, actor is null ? SystemActor : actor.DisplayName.Length > 0 ? actor.DisplayName : actor.UserName, action, unitId, caseId, detail);

    /// <summary>Adds an entry for an actor that is not a signed-in person (a sign-in attempt, configuration).</summary>
    public AuditEntry Add(int? actorId, string actorName, string action, int? unitId = null, int? caseId = null, string? detail = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(action);
        var entry = new AuditEntry
        {
            At = time.GetUtcNow(),
            ActorId = actorId,
            ActorName = Truncate(actorName ?? "", 200),
            Action = action,
            UnitId = unitId,
            CaseId = caseId,
            Detail = detail is null ? null : Truncate(detail, 1000),
            RemoteAddress = http.HttpContext?.Connection.RemoteIpAddress?.ToString(),
        };
        db.Audit.Add(entry);
        return entry;
    }

    /// <summary>Records that <paramref name="actor"/> read something (a case, a file, an API page) and commits it.</summary>
    public async Task RecordAsync(DeskUser actor, string action, int? unitId, int? caseId, string? detail, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        Add(actor, action, unitId, caseId, detail);
        await db.SaveChangesAsync(cancellationToken);
    }

    private static string Truncate(string value, int max) => value.Length <= max ? value : value[..max];
}
