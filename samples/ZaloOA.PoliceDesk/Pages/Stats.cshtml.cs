using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ZaloOA.PoliceDesk.Access;

namespace ZaloOA.PoliceDesk.Pages;

public sealed class StatsModel(CaseAccess access, TimeProvider time) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public int Days { get; set; } = 30;

    public List<CaseTiming> Cases { get; private set; } = [];

    public List<UnitTiming> ByUnit { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Days = Math.Clamp(Days, 1, 3660);
        var since = time.GetUtcNow().AddDays(-Days);
        Cases = await access.VisibleCases(DeskUser.From(User)!)
            .Where(c => c.CreatedAt >= since)
            .OrderByDescending(c => c.CreatedAt)
            .Select(c => new CaseTiming(c.Id, c.Number, c.Unit.Name, c.CreatedAt, c.FirstResponseAt))
            .ToListAsync(cancellationToken);
        ByUnit = [.. Cases.GroupBy(c => c.UnitName).Select(UnitTiming.From).OrderBy(u => u.UnitName, StringComparer.Ordinal)];
    }
}

public sealed record CaseTiming(int Id, string Number, string UnitName, DateTimeOffset CreatedAt, DateTimeOffset? FirstResponseAt);

public sealed record UnitTiming(string UnitName, int Cases, int Responded, TimeSpan? Average, TimeSpan? Median, TimeSpan? Slowest)
{
    public static UnitTiming From(IGrouping<string, CaseTiming> group)
    {
        var spans = group.Where(c => c.FirstResponseAt is not null).Select(c => c.FirstResponseAt!.Value - c.CreatedAt).Order().ToList();
        TimeSpan? avg = spans.Count == 0 ? null : TimeSpan.FromTicks((long)spans.Average(s => s.Ticks));
        TimeSpan? median = spans.Count == 0 ? null : spans[spans.Count / 2];
        return new UnitTiming(group.Key, group.Count(), spans.Count, avg, median, spans.Count == 0 ? null : spans[^1]);
    }
}
