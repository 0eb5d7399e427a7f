using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using ZaloOA.PoliceDesk.Access;
using ZaloOA.PoliceDesk.Audit;
using ZaloOA.PoliceDesk.Cases;
using ZaloOA.PoliceDesk.Data;
using ZaloOA.PoliceDesk.Domain;
using ZaloOA.PoliceDesk.Media;

namespace ZaloOA.PoliceDesk.Api;

/// <summary>
/// The authenticated JSON API (export and other systems) and the media endpoint. Same rules as
/// the pages: everything goes through <see cref="CaseAccess"/>; a case outside your scope is 404,
/// a unit filter outside your scope is 403.
/// </summary>
public static class CasesApi
{
    public static IEndpointRouteBuilder MapDeskApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").RequireAuthorization();
        api.MapGet("/cases", ListAsync);
        api.MapGet("/cases/{id:int}", GetAsync);
        app.MapGet("/media/{id:int}", MediaAsync).RequireAuthorization();
        return app;
    }

    private static async Task<Results<Ok<CaseListDto>, ForbidHttpResult, ValidationProblem, UnauthorizedHttpResult>> ListAsync(
        HttpContext http, CaseSearch search, DeskAudit audit,
        string? status, string? category, int? unitId, string? q, int? page, int? pageSize, bool? includeSubUnits, string? after,
        CancellationToken cancellationToken)
    {
        var user = DeskUser.From(http.User);
        if (user is null)
        {
            return TypedResults.Unauthorized();
        }

        var errors = new Dictionary<string, string[]>();
        CaseStatus? st = null;
        CaseCategory? cat = null;
        if (!string.IsNullOrEmpty(status))
        {
            if (Enum.TryParse<CaseStatus>(status, ignoreCase: true, out var s) && Enum.IsDefined(s))
            {
                st = s;
            }
            else
            {
                errors["status"] = [$"Use one of: {string.Join(", ", Enum.GetNames<CaseStatus>())}."];
            }
        }

        if (!string.IsNullOrEmpty(category))
        {
            if (Enum.TryParse<CaseCategory>(category, ignoreCase: true, out var c) && Enum.IsDefined(c))
            {
                cat = c;
            }
            else
            {
                errors["category"] = [$"Use one of: {string.Join(", ", Enum.GetNames<CaseCategory>())}."];
            }
        }

        if (pageSize is < 1 or > CaseSearch.MaxPageSize)
        {
            errors["pageSize"] = [$"Use 1 to {CaseSearch.MaxPageSize}."];
        }

        if (page is < 1 or > CaseSearch.MaxOffsetPage)
        {
            errors["page"] = [$"Use 1 to {CaseSearch.MaxOffsetPage}; further pages through 'after' (the previous page's 'next')."];
        }

        CaseCursor? cursor = null;
        if (!string.IsNullOrEmpty(after) && !CaseCursor.TryParse(after, out cursor))
        {
            errors["after"] = ["Use the 'next' value of the previous page, unchanged."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var result = await search.SearchAsync(user, new CaseFilter(st, cat, unitId, includeSubUnits ?? true, q, page ?? 1, pageSize ?? 50, After: cursor), cancellationToken);
        if (result is null)
        {
            return TypedResults.Forbid();
        }

        // Who paged through which cases; the search words may hold personal data, so only whether there were any.
        await audit.RecordAsync(user, AuditActions.ApiCasesListed, unitId ?? user.UnitId, null,
            string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"trang {result.Page}, {result.Items.Count}/{result.Total} hồ sơ{(st is null ? "" : ", " + st)}{(cat is null ? "" : ", " + cat)}{(string.IsNullOrWhiteSpace(q) ? "" : ", có từ khóa")}{(result.Items.Count == 0 ? "" : ": " + string.Join(", ", result.Items.Select(i => i.Number)))}"),
            cancellationToken);
        return TypedResults.Ok(new CaseListDto(result.Page, result.PageSize, result.Total,
            [.. result.Items.Select(r => new CaseSummaryDto(r.Id, r.Number, r.Status.ToString(), r.Status.Vi(), r.Category.ToString(), r.Category.Vi(),
                new UnitRefDto(r.UnitId, r.UnitName), r.AssignedTo, r.Summary, r.CreatedAt, r.LastActivityAt, r.FirstResponseAt))],
            result.Next?.ToString(), result.CountedWithin));
    }

    private static async Task<Results<Ok<CaseDetailDto>, NotFound, UnauthorizedHttpResult>> GetAsync(
        int id, HttpContext http, CaseAccess access, DeskDbContext db, DeskAudit audit, CancellationToken cancellationToken)
    {
        var user = DeskUser.From(http.User);
        if (user is null)
        {
            return TypedResults.Unauthorized();
        }

        var c = await access.FindReadableCaseAsync(user, id, cancellationToken);
        if (c is null)
        {
            return TypedResults.NotFound();
        }

        // The workflow's one table says what may follow; an overseeing unit reads, and may set nothing.
        var canAct = CaseAccess.CanAct(user, c);
        var detail = await DetailAsync(db, c, cancellationToken) with
        {
            ReadOnly = !canAct,
            NextStatuses = canAct ? [.. CaseWorkflow.NextStatuses(c.Status).Select(s => s.ToString())] : [],
        };
        await audit.RecordAsync(user, AuditActions.ApiCaseRead, c.UnitId, c.Id, c.Number, cancellationToken);
        return TypedResults.Ok(detail);
    }

    /// <summary>A case with its conversation and notes, as the API and a citizen's data export give it.</summary>
    public static async Task<CaseDetailDto> DetailAsync(DeskDbContext db, CitizenCase c, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(c);
        var messages = await db.Messages.AsNoTracking().Where(m => m.CaseId == c.Id).Include(m => m.Media).Include(m => m.SentBy)
            .OrderBy(m => m.At).ThenBy(m => m.Id).ToListAsync(cancellationToken);
        var notes = await db.Notes.AsNoTracking().Where(n => n.CaseId == c.Id).Include(n => n.Author)
            .OrderBy(n => n.CreatedAt).ToListAsync(cancellationToken);

        return new CaseDetailDto(
            c.Id, c.Number, c.Status.ToString(), c.Status.Vi(), c.Category.ToString(), c.Category.Vi(),
            new UnitRefDto(c.UnitId, c.Unit.Name), c.AssignedTo?.DisplayName, c.OaId, c.CitizenUserId,
            c.CreatedAt, c.LastActivityAt, c.LastInboundAt, c.FirstResponseAt, c.ClosedAt,
            [.. messages.Select(m => new MessageDto(m.Id, m.Direction.ToString(), m.Kind.ToString(), m.Text, m.At,
                m.Latitude is { } lat && m.Longitude is { } lon ? new LocationDto(lat, lon) : null, m.LinkUrl,
                m.SentBy?.DisplayName, m.IsAutomatic, m.Delivery?.ToString(),
                [.. m.Media.Select(f => new MediaDto(f.Id, f.Kind.ToString(), f.FileName, f.ContentType, f.SizeBytes, f.Status.ToString(),
                    f.Status == MediaStatus.Stored ? $"/media/{f.Id}" : null))]))],
            [.. notes.Select(n => new NoteDto(n.Id, n.Author.DisplayName, n.Text, n.CreatedAt))])
        {
            StatusReason = c.StatusReason,
        };
    }

    private static async Task<IResult> MediaAsync(int id, HttpContext http, CaseAccess access, DeskDbContext db, MediaStorage storage, DeskAudit audit, CancellationToken cancellationToken)
    {
        var user = DeskUser.From(http.User);
        if (user is null)
        {
            return TypedResults.Unauthorized();
        }

        var media = await db.Media.AsNoTracking().FirstOrDefaultAsync(m => m.Id == id, cancellationToken);
        var owner = media is null ? null : await access.FindReadableCaseAsync(user, media.CaseId, cancellationToken);
        if (media is null || media.Status != MediaStatus.Stored || media.StoredPath is null || owner is null)
        {
            return TypedResults.NotFound();
        }

        var path = storage.Resolve(media.StoredPath);
        if (!File.Exists(path))
        {
            return TypedResults.NotFound();
        }

        await audit.RecordAsync(user, AuditActions.MediaViewed, owner.UnitId, owner.Id, $"{owner.Number}: tệp {media.Id}", cancellationToken);

        http.Response.Headers.CacheControl = "private, no-store";
        http.Response.Headers.XContentTypeOptions = "nosniff";
        var contentType = media.ContentType ?? "application/octet-stream";
        // Only images and video/audio are shown inline; anything else downloads.
        var inline = contentType.StartsWith("image/", StringComparison.OrdinalIgnoreCase)
            || contentType.StartsWith("video/", StringComparison.OrdinalIgnoreCase)
            || contentType.StartsWith("audio/", StringComparison.OrdinalIgnoreCase);
        if (contentType.Contains("svg", StringComparison.OrdinalIgnoreCase) || contentType.Contains("html", StringComparison.OrdinalIgnoreCase))
        {
            contentType = "application/octet-stream";
            inline = false;
        }

        return TypedResults.PhysicalFile(path, contentType, inline ? null : media.FileName ?? Path.GetFileName(path), enableRangeProcessing: true);
    }
}

/// <param name="Next">The <c>after</c> value of the next page; null on the last page.</param>
/// <param name="CountedWithin">Set when <paramref name="Total"/> counts the matches of a text search
/// among only this many cases at the head of the list: at least that many match; page on with <paramref name="Next"/>.</param>
public sealed record CaseListDto(int Page, int PageSize, int Total, IReadOnlyList<CaseSummaryDto> Items, string? Next, int? CountedWithin = null);

public sealed record UnitRefDto(int Id, string Name);

public sealed record CaseSummaryDto(
    int Id, string Number, string Status, string StatusLabel, string Category, string CategoryLabel,
    UnitRefDto Unit, string? AssignedTo, string? Summary, DateTimeOffset CreatedAt, DateTimeOffset LastActivityAt, DateTimeOffset? FirstResponseAt);

public sealed record CaseDetailDto(
    int Id, string Number, string Status, string StatusLabel, string Category, string CategoryLabel,
    UnitRefDto Unit, string? AssignedTo, string OaId, string CitizenUserId,
    DateTimeOffset CreatedAt, DateTimeOffset LastActivityAt, DateTimeOffset LastInboundAt, DateTimeOffset? FirstResponseAt, DateTimeOffset? ClosedAt,
    IReadOnlyList<MessageDto> Messages, IReadOnlyList<NoteDto> Notes)
{
    /// <summary>Why the case was closed as not our jurisdiction, rejected or a duplicate.</summary>
    public string? StatusReason { get; init; }

    /// <summary>True when the reader only oversees the case (handed on, or handled below their unit).</summary>
    public bool ReadOnly { get; init; }

    /// <summary>The statuses the reader may set next (<c>CaseWorkflow</c>); empty when read-only.</summary>
    public IReadOnlyList<string> NextStatuses { get; init; } = [];
}

public sealed record MessageDto(
    int Id, string Direction, string Kind, string? Text, DateTimeOffset At, LocationDto? Location, string? LinkUrl,
    string? SentBy, bool Automatic, string? Delivery, IReadOnlyList<MediaDto> Media);

public sealed record LocationDto(double Latitude, double Longitude);

public sealed record MediaDto(int Id, string Kind, string? FileName, string? ContentType, long? SizeBytes, string Status, string? Url);

public sealed record NoteDto(int Id, string Author, string Text, DateTimeOffset CreatedAt);
