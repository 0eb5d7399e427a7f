using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using ZaloOA.PoliceDesk.Access;
using ZaloOA.PoliceDesk.Cases;
using ZaloOA.PoliceDesk.Data;
using ZaloOA.PoliceDesk.Deadlines;
using ZaloOA.PoliceDesk.Domain;
using ZaloOA.PoliceDesk.Statistics;
using ZaloOA.PoliceDesk.Units;

namespace ZaloOA.PoliceDesk.DataGen;

/// <summary>Counts and keeps the SQL commands a context runs (the query-count guard and the plans of slow queries).</summary>
public sealed class CommandLog : DbCommandInterceptor
{
    private readonly List<(string Sql, (string Name, object? Value)[] Parameters, TimeSpan Duration)> _commands = [];

    public int Count
    {
        get
        {
            lock (_commands)
            {
                return _commands.Count;
            }
        }
    }

    public IReadOnlyList<(string Sql, (string Name, object? Value)[] Parameters, TimeSpan Duration)> Commands
    {
        get
        {
            lock (_commands)
            {
                return [.. _commands];
            }
        }
    }

    public void Clear()
    {
        lock (_commands)
        {
            _commands.Clear();
        }
    }

    public override ValueTask<DbDataReader> ReaderExecutedAsync(DbCommand command, CommandExecutedEventData eventData, DbDataReader result, CancellationToken cancellationToken = default)
    {
        Record(command, eventData);
        return base.ReaderExecutedAsync(command, eventData, result, cancellationToken);
    }

    public override ValueTask<object?> ScalarExecutedAsync(DbCommand command, CommandExecutedEventData eventData, object? result, CancellationToken cancellationToken = default)
    {
        Record(command, eventData);
        return base.ScalarExecutedAsync(command, eventData, result, cancellationToken);
    }

    public override ValueTask<int> NonQueryExecutedAsync(DbCommand command, CommandExecutedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Record(command, eventData);
        return base.NonQueryExecutedAsync(command, eventData, result, cancellationToken);
    }

    private void Record(DbCommand command, CommandExecutedEventData eventData)
    {
        var parameters = command.Parameters.Cast<DbParameter>().Select(p => (p.ParameterName, p.Value == DBNull.Value ? null : p.Value)).ToArray();
        lock (_commands)
        {
            _commands.Add((command.CommandText, parameters, eventData.Duration));
        }
    }
}

/// <summary>One measured operation.</summary>
public sealed record Measurement(string Who, string What, double TargetMs, double P50Ms, double P95Ms, double MaxMs, int Commands, double SlowestCommandMs, string Result, string? Plan);

/// <summary>The measurement table.</summary>
public sealed record MeasurementReport(IReadOnlyList<Measurement> Rows, string Data)
{
    public string ToMarkdown()
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"Data: {Data}").AppendLine();
        text.AppendLine("| Who | What | Target | p50 ms | p95 ms | max ms | SQL commands | slowest command ms (last run) | Result |");
        text.AppendLine("|---|---|---:|---:|---:|---:|---:|---:|---|");
        foreach (var r in Rows)
        {
            var mark = r.P95Ms <= r.TargetMs ? "" : " ✗";
            text.AppendLine(CultureInfo.InvariantCulture, $"| {r.Who} | {r.What} | ≤ {r.TargetMs:F0} | {r.P50Ms:F1} | {r.P95Ms:F1}{mark} | {r.MaxMs:F1} | {r.Commands} | {r.SlowestCommandMs:F1} | {r.Result} |");
        }

        foreach (var r in Rows.Where(r => r.Plan is not null))
        {
            text.AppendLine().AppendLine(CultureInfo.InvariantCulture, $"Plan of the slowest command, {r.Who} / {r.What}:").AppendLine().AppendLine("```").AppendLine(r.Plan).AppendLine("```");
        }

        return text.ToString();
    }
}

/// <summary>
/// Runs the inbox, case page and statistics queries the way the desk's pages run them (through
/// <see cref="CaseSearch"/>, <see cref="CaseAccess"/> and <see cref="CaseStatistics"/> on the desk's
/// own PostgreSQL context) for a commune officer of the busiest commune and of the median commune, the administrator of the
/// busiest province and the national administrator; p50/p95/max over <c>repeat</c> runs after one
/// warm-up, the SQL commands per run, and EXPLAIN (ANALYZE, BUFFERS) of the slowest command of
/// every operation above its target. In process, without HTTP or Razor: the database's share of
/// the page time.
/// </summary>
public static class DeskQueryMeasurements
{
    public static async Task<MeasurementReport> RunAsync(string postgres, DateTimeOffset now, int repeat, TextWriter log, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(log);
        var commands = new CommandLog();
        await using var provider = Services(postgres, commands);

        DeskUser national, province, commune, typical;
        int longCase, communeCase;
        string data;
        await using (var scope = provider.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<DeskDbContext>();
            var busiestCommune = await db.Cases.Where(c => c.Unit.LevelId == 3).GroupBy(c => c.UnitId).OrderByDescending(g => g.Count()).Select(g => g.Key).FirstAsync(cancellationToken);
            var busiestProvince = await db.Units.Where(u => u.Id == busiestCommune).Select(u => u.ParentId!.Value).FirstAsync(cancellationToken);
            national = await UserAsync(db, "tw.admin", cancellationToken);
            province = await UserAsync(db, await db.Staff.Where(s => s.UnitId == busiestProvince && s.Role == StaffRole.Administrator).Select(s => s.UserName).FirstAsync(cancellationToken), cancellationToken);
            commune = await UserAsync(db, await db.Staff.Where(s => s.UnitId == busiestCommune).OrderBy(s => s.Id).Select(s => s.UserName).FirstAsync(cancellationToken), cancellationToken);
            longCase = await db.Cases.Where(c => c.Id % DeskDataGenerator.LongCaseEvery == 0).OrderByDescending(c => c.Id).Select(c => c.Id).FirstAsync(cancellationToken);
            communeCase = await db.Cases.Where(c => c.UnitId == busiestCommune).OrderByDescending(c => c.Id).Select(c => c.Id).FirstAsync(cancellationToken);
            var (units, cases, messages, media) = (await db.Units.CountAsync(cancellationToken), await db.Cases.CountAsync(cancellationToken), await db.Messages.CountAsync(cancellationToken), await db.Media.CountAsync(cancellationToken));
            var communeCases = await db.Cases.CountAsync(c => c.UnitId == busiestCommune, cancellationToken);
            // Most communes are small (the skew gives a few units most reports): the commune with the
            // median number of cases shows what a typical officer's list costs.
            var communeSizes = await db.Cases.Where(c => c.Unit.LevelId == 3).GroupBy(c => c.UnitId)
                .Select(g => new { UnitId = g.Key, Count = g.Count() }).OrderBy(g => g.Count).ThenBy(g => g.UnitId).ToListAsync(cancellationToken);
            var median = communeSizes[communeSizes.Count / 2];
            typical = await UserAsync(db, await db.Staff.Where(s => s.UnitId == median.UnitId).OrderBy(s => s.Id).Select(s => s.UserName).FirstAsync(cancellationToken), cancellationToken);
            data = string.Create(CultureInfo.InvariantCulture,
                $"{units} units, {cases} cases, {messages} messages, {media} media; busiest commune {commune.UserName} ({communeCases} cases), its province {province.UserName}; median commune {typical.UserName} ({median.Count} cases)");
        }

        var rows = new List<Measurement>();
        async Task Measure(string who, string what, double target, Func<IServiceProvider, Task<string>> operation)
        {
            var times = new List<double>();
            var result = "";
            var count = 0;
            IReadOnlyList<(string Sql, (string Name, object? Value)[] Parameters, TimeSpan Duration)> last = [];
            for (var i = 0; i <= repeat; i++)
            {
                await using var scope = provider.CreateAsyncScope();
                commands.Clear();
                var started = Stopwatch.GetTimestamp();
                result = await operation(scope.ServiceProvider);
                var ms = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                if (i > 0)
                {
                    // Run 0 warms EF's query cache and the connection pool.
                    times.Add(ms);
                }

                count = commands.Count;
                last = commands.Commands;
            }

            times.Sort();
            var p95 = times[Math.Clamp((int)Math.Ceiling(0.95 * times.Count) - 1, 0, times.Count - 1)];
            string? plan = null;
            if (p95 > target && last.Count > 0)
            {
                plan = await ExplainAsync(postgres, last.MaxBy(c => c.Duration), cancellationToken);
            }

            var row = new Measurement(who, what, target, times[times.Count / 2], p95, times[^1], count, last.Count == 0 ? 0 : last.Max(c => c.Duration.TotalMilliseconds), result, plan);
            rows.Add(row);
            await log.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{who} / {what}: p50 {row.P50Ms:F1} p95 {row.P95Ms:F1} ms, {count} commands (slowest {row.SlowestCommandMs:F1} ms), {result}"));
        }

        static Task<string> Inbox(IServiceProvider sp, DeskUser user, CaseFilter filter) => InboxAsync(sp, user, filter);

        // Null when the user's list is shorter (a small commune has no page 200).
        async Task<CaseCursor?> CursorAfterAsync(DeskUser user, int rows)
        {
            await using var scope = provider.CreateAsyncScope();
            var ordered = await scope.ServiceProvider.GetRequiredService<CaseSearch>().QueryAsync(user, new CaseFilter(), cancellationToken) ?? throw new InvalidOperationException("forbidden");
            var last = await ordered.Skip(rows - 1).Select(c => new { c.LastActivityAt, c.Id }).FirstOrDefaultAsync(cancellationToken);
            return last is null ? null : new CaseCursor(last.LastActivityAt, last.Id);
        }

        foreach (var (who, user) in new[] { ("commune officer", commune), ("median commune officer", typical), ("province admin", province), ("national admin", national) })
        {
            await Measure(who, "inbox first page", 300, sp => Inbox(sp, user, new CaseFilter()));
            await Measure(who, "search text (common: \"xe máy\")", 300, sp => Inbox(sp, user, new CaseFilter(Query: DeskDataGenerator.CommonTerm)));
            await Measure(who, "search text (rare)", 300, sp => Inbox(sp, user, new CaseFilter(Query: DeskDataGenerator.RareTerm)));
            await Measure(who, "field TrafficSafety", 300, sp => Inbox(sp, user, new CaseFilter(Category: CaseCategory.TrafficSafety)));
            await Measure(who, "status New", 300, sp => Inbox(sp, user, new CaseFilter(Status: CaseStatus.New)));
            await Measure(who, "late", 300, sp => Inbox(sp, user, new CaseFilter(Deadline: DeadlineState.Late)));
            await Measure(who, "deadline order", 300, sp => Inbox(sp, user, new CaseFilter(Order: CaseOrder.NextDeadline)));
            // Keyset (issue 18): page 200 starts after the last case of page 199, found once here.
            if (await CursorAfterAsync(user, 199 * 25) is { } after)
            {
                await Measure(who, "page 200 (keyset)", 300, sp => Inbox(sp, user, new CaseFilter(Page: 200, After: after)));
            }
        }

        await Measure("national admin", $"case page, {DeskDataGenerator.LongCaseMessages} messages (#{longCase})", 200, sp => CasePageAsync(sp, national, longCase));
        await Measure("commune officer", "case page (own latest case)", 200, sp => CasePageAsync(sp, commune, communeCase));
        var year = DateOnly.FromDateTime(now.UtcDateTime);
        await Measure("province admin", "statistics, province, last 365 days", 1000, sp => StatisticsAsync(sp, province, new StatisticsFilter(year.AddDays(-365), year)));
        await Measure("national admin", "statistics, country, last 365 days", 1000, sp => StatisticsAsync(sp, national, new StatisticsFilter(year.AddDays(-365), year)));
        return new MeasurementReport(rows, data);
    }

    /// <summary>The desk's query services on its PostgreSQL context, every command counted by <paramref name="commands"/>.</summary>
    public static ServiceProvider Services(string postgres, CommandLog commands)
    {
        var services = new ServiceCollection();
        services.AddOptions<DeadlineOptions>();
        services.AddSingleton(TimeProvider.System);
        services.AddDbContext<PostgreSqlDeskDbContext>(o => o.UseNpgsql(postgres).AddInterceptors(commands));
        services.AddScoped<DeskDbContext>(sp => sp.GetRequiredService<PostgreSqlDeskDbContext>());
        services.AddScoped<CaseAccess>();
        services.AddScoped<UnitPicker>();
        services.AddScoped<CaseSearch>();
        services.AddScoped<CaseStatistics>();
        return services.BuildServiceProvider();
    }

    /// <summary>The inbox page's queries (IndexModel.OnGetAsync): the page of cases, the unit filter's picker, the rows' handled units.</summary>
    public static async Task<string> InboxAsync(IServiceProvider services, DeskUser user, CaseFilter filter)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(filter);
        var page = await services.GetRequiredService<CaseSearch>().SearchAsync(user, filter) ?? throw new InvalidOperationException("forbidden");
        var picker = await services.GetRequiredService<UnitPicker>().VisibleAsync(user, new UnitPickerSpec("unitId", "Đơn vị", UnitPickerMeaning.Subtree, "Tất cả"), filter.UnitId);
        var rowUnits = page.Items.Select(r => r.UnitId).Distinct().ToList();
        var handled = !user.IsAdministrator ? [user.UnitId]
            : await services.GetRequiredService<CaseAccess>().VisibleUnits(user).Where(u => rowUnits.Contains(u.Id)).Select(u => u.Id).ToListAsync();
        return string.Create(CultureInfo.InvariantCulture, $"{page.Items.Count} rows of {page.Total}; {picker.Path.Count + picker.Options.Count} units listed, {handled.Count} handled");
    }

    /// <summary>The case page's queries (Pages/Cases/Details OnGetAsync, without the reply window and the audit write).</summary>
    public static async Task<string> CasePageAsync(IServiceProvider services, DeskUser user, int caseId)
    {
        ArgumentNullException.ThrowIfNull(services);
        var access = services.GetRequiredService<CaseAccess>();
        var db = services.GetRequiredService<DeskDbContext>();
        var found = await access.FindReadableCaseAsync(user, caseId) ?? throw new InvalidOperationException("not found");
        var messages = await db.Messages.AsNoTracking().Where(m => m.CaseId == caseId).Include(m => m.Media).Include(m => m.SentBy)
            .OrderBy(m => m.At).ThenBy(m => m.Id).ToListAsync();
        var notes = await db.Notes.AsNoTracking().Where(n => n.CaseId == caseId).Include(n => n.Author).OrderBy(n => n.CreatedAt).ToListAsync();
        var audit = await db.Audit.AsNoTracking().Where(a => a.CaseId == caseId).OrderByDescending(a => a.Id).Take(100).ToListAsync();
        var targets = (await services.GetRequiredService<UnitPicker>().TransferAsync(user, found, new UnitPickerSpec("unitId", "Chuyển", UnitPickerMeaning.Unit), null)).Options;
        var staff = await access.AssignableStaffAsync(found);
        return string.Create(CultureInfo.InvariantCulture, $"{messages.Count} messages, {notes.Count} notes, {audit.Count} audit, {targets.Count} transfer targets listed, {staff.Count} staff");
    }

    public static async Task<string> StatisticsAsync(IServiceProvider services, DeskUser user, StatisticsFilter filter)
    {
        ArgumentNullException.ThrowIfNull(services);
        var report = await services.GetRequiredService<CaseStatistics>().GetAsync(user, filter) ?? throw new InvalidOperationException("forbidden");
        return string.Create(CultureInfo.InvariantCulture, $"{report.Total.Cases} cases, {report.ByUnit.Count} unit rows");
    }

    public static async Task<DeskUser> UserAsync(DeskDbContext db, string userName, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        return await db.Staff.Where(s => s.UserName == userName)
            .Select(s => new DeskUser(s.Id, s.UserName, s.DisplayName, s.Role, s.UnitId, s.Unit.Path))
            .FirstAsync(cancellationToken);
    }

    private static async Task<string> ExplainAsync(string postgres, (string Sql, (string Name, object? Value)[] Parameters, TimeSpan Duration) command, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(postgres);
        await connection.OpenAsync(cancellationToken);
        await using var explain = new NpgsqlCommand("EXPLAIN (ANALYZE, BUFFERS) " + command.Sql, connection);
        foreach (var (name, value) in command.Parameters)
        {
            explain.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        var plan = new StringBuilder();
        await using var reader = await explain.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            plan.AppendLine(reader.GetString(0));
        }

        return command.Sql + "\n\n" + plan.ToString().TrimEnd();
    }
}
