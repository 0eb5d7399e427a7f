using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Query;
using Microsoft.Extensions.Options;
using NpgsqlTypes;
using ZaloOA.PoliceDesk.Access;
using ZaloOA.PoliceDesk.Data;
using ZaloOA.PoliceDesk.Deadlines;
using ZaloOA.PoliceDesk.Domain;
using ZaloOA.PoliceDesk.Intake;
using ZaloOA.PoliceDesk.Security;

namespace ZaloOA.PoliceDesk.Cases;

/// <summary>Inbox filters (the page's query string and the API's).</summary>
public sealed record CaseFilter(
    CaseStatus? Status = null,
    CaseCategory? Category = null,
    int? UnitId = null,
    bool IncludeSubUnits = true,
    string? Query = null,
    int Page = 1,
    int PageSize = 25,
    DeadlineState? Deadline = null,
    CaseOrder Order = CaseOrder.LastActivity,
    CaseScope Scope = CaseScope.All,
    CaseCursor? After = null);

/// <summary>
/// Where the next page of the inbox starts (keyset paging): just after this row in the page's
/// order. Every page then costs what the first does, and cases arriving or changing meanwhile
/// never make a page boundary skip or repeat a case (an offset would shift). Its text form is the
/// link's <c>after</c> value; it is only a position, never a permission (the filter and the
/// user's scope still apply).
/// </summary>
/// <param name="Key">The row's sort key: its last activity, or its next deadline (null once closed).</param>
/// <param name="Id">The row's id, the tie-break of both orders.</param>
public sealed record CaseCursor(DateTimeOffset? Key, int Id)
{
    /// <summary>"ticks.id" (UTC ticks; "-" for no key).</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{(Key is { } k ? k.UtcTicks.ToString(CultureInfo.InvariantCulture) : "-")}.{Id}");

    /// <summary>Reads <see cref="ToString"/>'s form; false for anything else.</summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out CaseCursor? cursor)
    {
        cursor = null;
        var parts = text?.Split('.');
        if (parts is not [var key, var id]
            || !int.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var rowId)
            || rowId < 1)
        {
            return false;
        }

        if (key == "-")
        {
            cursor = new CaseCursor(null, rowId);
            return true;
        }

        if (!long.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
            || ticks > DateTimeOffset.MaxValue.UtcTicks)
        {
            return false;
        }

        cursor = new CaseCursor(new DateTimeOffset(ticks, TimeSpan.Zero), rowId);
        return true;
    }
}

/// <summary>Which of the cases a user may read the inbox lists (see <see cref="CaseAccess"/>).</summary>
public enum CaseScope
{
    /// <summary>Every case the user may read: handled and overseen.</summary>
    All,

    /// <summary>Cases assigned to the user ("my cases").</summary>
    Mine,

    /// <summary>Cases the user's unit (or scope) handles.</summary>
    Handled,

    /// <summary>Cases the user only oversees (read-only): handed on to another unit, or handled below.</summary>
    Overseen,
}

/// <summary>How the inbox is ordered.</summary>
public enum CaseOrder
{
    /// <summary>Most recently active first (the default).</summary>
    LastActivity,

    /// <summary>The nearest deadline first (late ones at the top), closed cases last.</summary>
    NextDeadline,
}

/// <summary>One row of the inbox.</summary>
public sealed record CaseRow(
    int Id,
    string Number,
    CaseStatus Status,
    CaseCategory Category,
    int UnitId,
    string UnitName,
    string? AssignedTo,
    string? Summary,
    DateTimeOffset CreatedAt,
    DateTimeOffset LastActivityAt,
    DateTimeOffset? FirstResponseAt,
    DateTimeOffset? FirstReplyDueAt = null,
    DateTimeOffset? HandlingDueAt = null,
    DateTimeOffset? ClosedAt = null,
    DateTimeOffset? NextDueAt = null)
{
    /// <summary>The row's deadline columns, for <see cref="DeadlineRules"/>.</summary>
    public CaseDeadlines Deadlines => new(FirstReplyDueAt, HandlingDueAt, FirstResponseAt, ClosedAt);
}

/// <summary>A page of rows. <see cref="Total"/> counts at most <see cref="CaseSearch.MaxCount"/> + 1
/// matches; a text search whose matches are many counts only those among the first
/// <see cref="CountedWithin"/> cases of the list (<see cref="TotalIsLowerBound"/> either way).</summary>
/// <param name="Next">Where the next page starts; null on the last page.</param>
/// <param name="CountedWithin">Set when <see cref="Total"/> counts the matches among only this many
/// cases at the head of the list (in its order): at least that many match, older ones were not counted.</param>
public sealed record CasePage(IReadOnlyList<CaseRow> Items, int Total, int Page, int PageSize, CaseCursor? Next = null, int? CountedWithin = null)
{
    public int PageCount => Math.Max(1, (Total + PageSize - 1) / PageSize);

    /// <summary>More cases may match than were counted: page on with <see cref="Next"/>, or refine the filter.</summary>
    public bool TotalIsLowerBound => CountedWithin is not null || Total > CaseSearch.MaxCount;
}

/// <summary>Filtering and paging over the cases the user can see (always through <see cref="CaseAccess"/>);
/// summaries come back with phone and id numbers masked (<see cref="PersonalData"/>).</summary>
public sealed class CaseSearch(DeskDbContext db, CaseAccess access, IOptionsMonitor<DeadlineOptions> deadlines, TimeProvider time)
{
    public const int MaxPageSize = 200;

    /// <summary>The inbox counts matches up to this many. Counting every case of a national inbox
    /// (a million) took longer than the page (benchmarks/README.md, "Scale"); past this nobody pages
    /// through, they filter.</summary>
    public const int MaxCount = 10_000;

    /// <summary>Pages reachable by number (an offset); further pages only through
    /// <see cref="CasePage.Next"/>, so no request makes the database skip more than this many pages' rows.</summary>
    public const int MaxOffsetPage = 40;

    /// <summary>A text search first reads this many cases at the head of the desk's order (see <see cref="SearchAsync"/>).</summary>
    public const int DefaultSearchWindow = 10_000;

    /// <summary>Cases at the head of the order a text search tests row by row before it turns to the
    /// word index (<see cref="DefaultSearchWindow"/>; smaller in tests, to cross every path on a few cases).</summary>
    internal int SearchWindow { get; init; } = DefaultSearchWindow;

    /// <summary>Null when the filter names a unit outside the user's scope (answer 403).</summary>
    /// <remarks>
    /// A text search returns the same rows, in the same order, as <see cref="QueryAsync"/> (every
    /// match found through the indexes, then ordered), but reads them from the side that is cheap
    /// (benchmarks/README.md, "Scale"): the head of the order first. The first <see cref="SearchWindow"/>
    /// cases of the whole desk in the page's order (one walk of that order's index, whatever the
    /// user's scope: a window of the user's own list made PostgreSQL walk the whole index for a small
    /// commune) are narrowed to the user's list and tested one by one. They are a prefix of the
    /// user's list, so when they hold more matches than a page, the matches are many ("xe máy": one
    /// case in 25), the page is taken from them, and the total counts the matches among them
    /// (<see cref="CasePage.CountedWithin"/>: that many of the list's cases were looked at). When
    /// they hold a page or fewer, the matches are few, and the word index finds them all: the page
    /// and a capped count come from the matching ids, as before. Joining and sorting tens of
    /// thousands of index matches to keep 25 is what made common words slow.
    /// </remarks>
    public async Task<CasePage?> SearchAsync(DeskUser user, CaseFilter filter, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        if (await FilterAsync(user, filter, cancellationToken) is not { } list)
        {
            return null;
        }

        // With a cursor the page number is only shown; without one it is an offset, capped.
        var page = Math.Max(1, filter.Page);
        var size = Math.Clamp(filter.PageSize, 1, MaxPageSize);
        var skip = filter.After is null ? (Math.Min(page, MaxOffsetPage) - 1) * size : 0;
        var query = list(db.Cases);
        var (total, countedWithin, items) = string.IsNullOrWhiteSpace(filter.Query)
            ? (await query.Take(MaxCount + 1).CountAsync(cancellationToken), null, await RowsAsync(Start(query, filter), filter.Order, skip, size, cancellationToken))
            : await SearchTextAsync(list, TextMatch(filter.Query), filter, skip, size, cancellationToken);
        var next = items.Count > size
            ? new CaseCursor(filter.Order == CaseOrder.NextDeadline ? items[size - 1].NextDueAt : items[size - 1].LastActivityAt, items[size - 1].Id)
            : null;
        // Lists show phone and id numbers masked; the case page (audited) shows them in full.
        return new CasePage([.. items.Take(size).Select(r => r with { Summary = PersonalData.Mask(r.Summary) })], total, page, size, next, countedWithin);
    }

    /// <summary><paramref name="cases"/> from the filter's cursor on (all of them without one).</summary>
    private static IQueryable<CitizenCase> Start(IQueryable<CitizenCase> cases, CaseFilter filter) =>
        filter.After is { } after ? cases.Where(After(filter.Order, after)) : cases;

    /// <summary>A text search's total and page (see <see cref="SearchAsync"/>); <paramref name="list"/>
    /// narrows any cases to the user's list without the text.</summary>
    private async Task<(int Total, int? CountedWithin, List<CaseRow> Items)> SearchTextAsync(
        Func<IQueryable<CitizenCase>, IQueryable<CitizenCase>> list, (Expression<Func<CitizenCase, bool>> Row, Expression<Func<CitizenCase, bool>> Indexed) match,
        CaseFilter filter, int skip, int size, CancellationToken cancellationToken)
    {
        IQueryable<CitizenCase> Window(IQueryable<CitizenCase> cases) => Order(cases, filter.Order).Take(SearchWindow);

        // Whether each of the list's cases among the desk's first ones matches: one walk of the
        // order's index, no sort. Whether the window holds the whole desk: then everything is exact.
        var head = await list(Window(db.Cases)).Select(match.Row).ToListAsync(cancellationToken);
        var whole = await db.Cases.Take(SearchWindow).CountAsync(cancellationToken) < SearchWindow;
        var matches = head.Count(m => m);
        // A list holding under 1 % of the desk's newest cases (a small unit) gets the index's arms
        // narrowed to the list, so PostgreSQL ANDs the word index with the list's unit index
        // instead of building the country's set of a common word first (821 → ~30 ms for a commune
        // of 81 cases at a million); a larger list keeps the country-wide arms, which the narrowed
        // form makes slower (busiest commune's rare words 90 → 456 ms; the country's, 2.8 s).
        var indexedMatch = head.Count * 100 < SearchWindow ? TextMatch(filter.Query!, list(db.Cases)).Indexed : match.Indexed;
        if (!whole && matches <= size)
        {
            // Few matches: the word index finds them all, and counting them is cheap.
            var indexed = list(db.Cases).Where(indexedMatch);
            return (await indexed.Take(MaxCount + 1).CountAsync(cancellationToken), null,
                await RowsAsync(Start(indexed, filter), filter.Order, skip, size, cancellationToken));
        }

        // Many matches (or the whole desk is within the window): the page comes from the desk's
        // first cases from the page's start, narrowed to the list and tested one by one, read only
        // as far as the page's last row needs.
        List<CaseRow>? items = null;
        if (whole || filter.After is not null || skip + size < matches)
        {
            items = await RowsAsync(list(Window(Start(db.Cases, filter))).Where(match.Row), filter.Order, skip, size, cancellationToken);
        }

        // The window after the cursor (or the offset) ran out before the page was full: deeper in the
        // order the list's matches thin out, and the word index finds the rest (after a cursor, only
        // when the window was full: otherwise the desk itself ended).
        if (items is null || (items.Count <= size && !whole && await Window(Start(db.Cases, filter)).CountAsync(cancellationToken) == SearchWindow))
        {
            items = await RowsAsync(Start(list(db.Cases).Where(indexedMatch), filter), filter.Order, skip, size, cancellationToken);
        }

        return (matches, whole ? null : head.Count, items);
    }

    /// <summary>The page of <paramref name="source"/> in <paramref name="order"/>, one row more than
    /// the page: it tells whether there is a next page, in the same command.</summary>
    private Task<List<CaseRow>> RowsAsync(IQueryable<CitizenCase> source, CaseOrder order, int skip, int size, CancellationToken cancellationToken) =>
        Order(source, order)
            .Skip(skip)
            .Take(size + 1)
            .Select(c => new CaseRow(c.Id, c.Number, c.Status, c.Category, c.UnitId, c.Unit.Name,
                c.AssignedTo == null ? null : c.AssignedTo.DisplayName, c.Summary, c.CreatedAt, c.LastActivityAt, c.FirstResponseAt,
                c.FirstReplyDueAt, c.HandlingDueAt, c.ClosedAt, c.NextDueAt))
            .ToListAsync(cancellationToken);

    /// <summary>The cases matching <paramref name="filter"/> (all pages), in the filter's order; the
    /// one query the inbox and the Excel export share. Null when the filter names a unit outside the
    /// user's scope.</summary>
    public async Task<IQueryable<CitizenCase>?> QueryAsync(DeskUser user, CaseFilter filter, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        if (await FilterAsync(user, filter, cancellationToken) is not { } list)
        {
            return null;
        }

        var query = list(db.Cases);
        return Order(string.IsNullOrWhiteSpace(filter.Query) ? query : query.Where(TextMatch(filter.Query).Indexed), filter.Order);
    }

    /// <summary>The rows after <paramref name="after"/> in <paramref name="order"/> (see <see cref="Order"/>):
    /// later in the sort key, or the same key and a lower id; for "deadline first", closed cases
    /// (no deadline) come after every open one.</summary>
    private static Expression<Func<CitizenCase, bool>> After(CaseOrder order, CaseCursor after)
    {
        var id = after.Id;
        if (order == CaseOrder.NextDeadline)
        {
            if (after.Key is not { } due)
            {
                return c => c.NextDueAt == null && c.Id < id;
            }

            return c => c.NextDueAt == null || c.NextDueAt > due || (c.NextDueAt == due && c.Id < id);
        }

        // A deadline cursor without a key in the activity order (a hand-edited link): from the top.
        if (after.Key is not { } at)
        {
            return c => true;
        }

        return c => c.LastActivityAt < at || (c.LastActivityAt == at && c.Id < id);
    }

    private IQueryable<CitizenCase> Order(IQueryable<CitizenCase> query, CaseOrder order) => order switch
    {
        // The stored next deadline (CaseClock), read in the order of IX_Cases_NextDueAt_Id; closed
        // cases (NULL) last. PostgreSQL sorts NULL last by itself, so the index gives the order;
        // SQLite sorts NULL first and is told to put them last (its deployments are small).
        CaseOrder.NextDeadline when db.Database.IsNpgsql() => query.OrderBy(c => c.NextDueAt).ThenByDescending(c => c.Id),
        CaseOrder.NextDeadline => query.OrderBy(c => c.NextDueAt == null).ThenBy(c => c.NextDueAt).ThenByDescending(c => c.Id),
        _ => query.OrderByDescending(c => c.LastActivityAt).ThenByDescending(c => c.Id),
    };

    /// <summary>The typed words as a phrase query, the last one as a prefix (so "xe ma" finds "xe máy"
    /// while the officer types): <c>'xe' &lt;-&gt; 'ma':*</c>, and with two words or more also each pair
    /// of neighbours as one lexeme (<c>'xema':*</c>), which the search vector holds too: a phrase of
    /// common syllables ("trộm chó") then reads only the cases holding the pairs, not every case with
    /// both syllables (benchmarks/README.md, "Scale"). Null when nothing is left to match. The folded
    /// words are letters and digits only, so nothing in them is tsquery syntax.</summary>
    private static string? WordQuery(string folded)
    {
        var words = folded.Split(' ', StringSplitOptions.RemoveEmptyEntries).Take(MaxQueryWords).ToArray();
        if (words.Length == 0)
        {
            return null;
        }

        var phrase = string.Join(" <-> ", words.Select(w => $"'{w}'")) + ":*";
        return words.Length == 1
            ? phrase
            : string.Join(" & ", words.Skip(1).Select((w, i) => $"'{words[i]}{w}'")) + $":* & ({phrase})";
    }

    /// <summary>Words of a search used; the rest are ignored (a pasted paragraph is not a search).</summary>
    public const int MaxQueryWords = 16;

    /// <summary>
    /// The two forms of one text match: the case number (any part), the citizen's raw id, or the
    /// words (on PostgreSQL whole words in order through the generated vector, on SQLite a substring
    /// of the folded text). <c>Row</c> tests a case's own columns, for cases already being read (the
    /// head of the list); <c>Indexed</c> is one set of matching case ids, each arm answered by its own
    /// index (IX_Cases_SearchVector, IX_Cases_Number_Trgm, IX_Cases_CitizenUserId), then joined once
    /// with the list (an OR of per-case probes made PostgreSQL scan every visible case,
    /// benchmarks/README.md, "Scale"). Both select the same cases.
    /// </summary>
    private (Expression<Func<CitizenCase, bool>> Row, Expression<Func<CitizenCase, bool>> Indexed) TextMatch(string text, IQueryable<CitizenCase>? within = null)
    {
        var source = within ?? db.Cases;
        var raw = text.Trim();
        var folded = VietnameseText.Fold(raw).Trim();
        var number = raw.ToUpperInvariant();
        Expression<Func<CitizenCase, bool>> byText = !db.Database.IsNpgsql()
            ? c => c.SearchText != null && c.SearchText.Contains(folded)
            : WordQuery(folded) is { } words
                ? c => EF.Property<NpgsqlTsVector>(c, PostgreSqlDeskDbContext.SearchVector).Matches(EF.Functions.ToTsQuery("simple", words))
                : c => false;
        Expression<Func<CitizenCase, bool>> byNumber = c => c.Number.Contains(number) || c.CitizenUserId == raw;
        var row = Expression.Lambda<Func<CitizenCase, bool>>(
            Expression.OrElse(byText.Body, ReplacingExpressionVisitor.Replace(byNumber.Parameters[0], byText.Parameters[0], byNumber.Body)),
            byText.Parameters);
        var matching = source.Where(byText).Select(c => c.Id).Union(source.Where(byNumber).Select(c => c.Id));
        return (row, c => matching.Contains(c.Id));
    }

    /// <summary>What narrows cases to the user's list: their scope and the filter's unit, view,
    /// status, field and deadline (not its text: see <see cref="TextMatch"/>), applied to any cases
    /// (all of them, or the head of the order); null for a unit outside the scope.</summary>
    private async Task<Func<IQueryable<CitizenCase>, IQueryable<CitizenCase>>?> FilterAsync(DeskUser user, CaseFilter filter, CancellationToken cancellationToken)
    {
        Expression<Func<CitizenCase, bool>>? byUnit = null;
        if (filter.UnitId is { } unitId)
        {
            var unit = await access.VisibleUnits(user).Where(u => u.Id == unitId).Select(u => new { u.Id, u.Path }).FirstOrDefaultAsync(cancellationToken);
            if (unit is null)
            {
                return null;
            }

            byUnit = filter.IncludeSubUnits
                ? c => c.Unit.Path.StartsWith(unit.Path)
                : c => c.UnitId == unit.Id;
        }

        var handles = CaseAccess.Handles(user);
        var now = time.GetUtcNow();
        var options = deadlines.CurrentValue;
        var readable = await access.ReadableScopeAsync(user, cancellationToken);
        return cases =>
        {
            var query = CaseAccess.ReadableCases(readable, cases);
            if (byUnit is not null)
            {
                query = query.Where(byUnit);
            }

            query = filter.Scope switch
            {
                CaseScope.Mine => query.Where(c => c.AssignedToId == user.Id),
                CaseScope.Handled => query.Where(handles),
                CaseScope.Overseen => query.Where(Expression.Lambda<Func<CitizenCase, bool>>(Expression.Not(handles.Body), handles.Parameters)),
                _ => query,
            };

            if (filter.Status is { } status)
            {
                query = query.Where(c => c.Status == status);
            }

            if (filter.Category is { } category)
            {
                query = query.Where(c => c.Category == category);
            }

            return filter.Deadline switch
            {
                DeadlineState.Late => query.Where(DeadlineRules.IsLate(now)),
                DeadlineState.DueSoon => query.Where(DeadlineRules.IsDueSoon(now, options)),
                _ => query,
            };
        };
    }
}