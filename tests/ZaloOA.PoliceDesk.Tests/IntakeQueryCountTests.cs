using System.Collections.Concurrent;
using System.Data.Common;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using ZaloOA.PoliceDesk.Data;
using ZaloOA.PoliceDesk.Intake;

namespace ZaloOA.PoliceDesk.Tests;

/// <summary>
/// What one citizen message costs the database on PostgreSQL, pinned per kind of event so the
/// count cannot creep back (issue 18: 200 signed events/s on one small machine). Counted are the
/// round trips (each command EF sends, a batch of statements being one, and each COMMIT; Npgsql
/// sends BEGIN with the first command) and the statements they carry, of the webhook request only
/// (background loops such as the live feed are not the event's cost). A change that adds a query
/// to intake fails here with the statements listed: remove it, or raise the pin and say why.
/// </summary>
public sealed class IntakeQueryCountTests : IAsyncDisposable
{
    private const string Oa = DeskFactory.OaTpTraVinh;
    private readonly DeskState _state = new();
    private readonly TestPostgresDatabase _database = new();
    private readonly SqlRecorder _sql = new();
    private DeskFactory? _desk;

    public async ValueTask DisposeAsync()
    {
        _desk?.Dispose();
        await _database.DisposeAsync();
        _state.Dispose();
    }

    [Fact]
    public async Task A_citizens_first_message_opening_a_case_costs_seven_round_trips()
    {
        var desk = await StartWarmAsync();

        var sql = await CountAsync(desk, "8100000000000000101", "Nhà tôi bị trộm xe máy");

        AssertRoundTrips(
            [
                // The OA's unit, the citizen's open case (none), row (none) and msg_id: one read.
                "SELECT Units",
                // The number, committed on its own (see CaseIntakeService).
                "UPDATE CaseNumberCounters",
                // The province's deadline targets (CaseClock; the unit is the one read above). BEGIN goes with it.
                "SELECT DeadlineTargets",
                // The case and what has no foreign key to it: the citizen, the statistics mark.
                "INSERT Cases; INSERT Citizens; INSERT StatisticsDayChanges",
                // What needs the case's id: the live feed's row, the message, the acknowledgement.
                "INSERT DeskChanges; INSERT Messages; INSERT Messages",
                // What needs the acknowledgement's id (the outbox row) and the case's (the audit).
                "INSERT Audit; INSERT Audit; INSERT Outbox",
                "COMMIT",
            ],
            sql);
    }

    [Fact]
    public async Task A_message_joining_the_open_case_costs_three_round_trips()
    {
        var desk = await StartWarmAsync();
        await CountAsync(desk, "8100000000000000102", "Nhà tôi bị trộm xe máy");

        var sql = await CountAsync(desk, "8100000000000000102", "Biển số 84B1-123.45");

        AssertRoundTrips(
            [
                "SELECT Units", // the open case, tracked, with the rest of the look-up
                "INSERT Audit; UPDATE Cases; INSERT DeskChanges; INSERT Messages", // one save, BEGIN with it
                "COMMIT",
            ],
            sql);
    }

    [Fact]
    public async Task A_redelivery_the_webhook_remembers_costs_no_sql()
    {
        var desk = await StartWarmAsync();
        desk.EnsureFollower(Oa, "8100000000000000103");
        var webhook = desk.Zalo.Events.UserSendText(Oa, "8100000000000000103", "Có người lạ đột nhập");
        Assert.Equal(HttpStatusCode.OK, await desk.DeliverAsync(webhook));

        _sql.Clear();
        Assert.Equal(HttpStatusCode.OK, await desk.DeliverAsync(webhook));

        Assert.Empty(_sql.Statements);
    }

    [Fact]
    public async Task A_redelivery_past_the_webhooks_memory_costs_two_reads_and_changes_nothing()
    {
        // The de-duplication store forgot the msg_id (its window passed, Redis was flushed): intake's
        // own look-up answers, before any number is taken or any row is written (the second read
        // fetches the earlier case's number for the result).
        var desk = await StartWarmAsync();
        var message = desk.Text("pg-redelivered", "Có người lạ đột nhập", user: "8100000000000000104");
        var first = await desk.RecordAsync(message);

        _sql.Clear();
        var again = await _sql.CountingAsync(() => desk.RecordAsync(message));

        Assert.Equal(IntakeOutcome.Duplicate, again.Outcome);
        Assert.Equal(first.CaseId, again.CaseId);
        AssertRoundTrips(["SELECT Units", "SELECT Messages"], _sql.Statements);
    }

    /// <summary>A desk on a fresh PostgreSQL database that has taken one message at <see cref="Oa"/>
    /// already (the per-OA and per-instance first-time work is done, as in a running deployment).</summary>
    private async Task<DeskFactory> StartWarmAsync()
    {
        _desk = new DeskFactory(_state, settings: new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "PostgreSQL",
            ["Storage:ConnectionString"] = _database.ConnectionString,
        }, configureServices: s => s.ConfigureDbContext<PostgreSqlDeskDbContext>((sp, o) => o.AddInterceptors(_sql.For(sp.GetRequiredService<IHttpContextAccessor>()))));
        await _desk.SendTextAsync("Chào, tôi muốn báo tin", Oa, "8100000000000000100");
        return _desk;
    }

    /// <summary>Compares line by line as one text, so a failure shows every round trip.</summary>
    private static void AssertRoundTrips(IEnumerable<string> expected, IEnumerable<string> actual)
    {
        var (e, a) = (string.Join("\n", expected), string.Join("\n", actual));
        Assert.True(e == a, $"Expected round trips:\n{e}\n\nActual:\n{a}");
    }

    private async Task<List<string>> CountAsync(DeskFactory desk, string citizen, string text)
    {
        desk.EnsureFollower(Oa, citizen);
        var webhook = desk.Zalo.Events.UserSendText(Oa, citizen, text);
        _sql.Clear();
        Assert.Equal(HttpStatusCode.OK, await desk.DeliverAsync(webhook));
        return [.. _sql.Statements];
    }
}

/// <summary>
/// Records the SQL of webhook requests (and of code run inside <see cref="CountingAsync"/>) as one
/// line per round trip: each statement's verb and first table (<c>SELECT Units</c>,
/// <c>INSERT Cases; INSERT Citizens</c> for a batch), and <c>COMMIT</c>/<c>ROLLBACK</c>.
/// </summary>
public sealed partial class SqlRecorder
{
    private static readonly AsyncLocal<bool> Counting = new();
    private readonly ConcurrentQueue<string> _lines = new();
    private Interceptor? _interceptor;

    public IReadOnlyList<string> Statements => [.. _lines];

    public void Clear() => _lines.Clear();

    /// <summary>Runs <paramref name="action"/> with its SQL recorded (outside any request).</summary>
    public async Task<T> CountingAsync<T>(Func<Task<T>> action)
    {
        Counting.Value = true;
        try
        {
            return await action();
        }
        finally
        {
            Counting.Value = false;
        }
    }

    /// <summary>The interceptor to add to the context (it records what <paramref name="http"/> says is a webhook request).</summary>
    public IInterceptor For(IHttpContextAccessor http) => _interceptor ??= new Interceptor(this, http);

    private void Record(IHttpContextAccessor http, string line)
    {
        if (Counting.Value || http.HttpContext?.Request.Path == "/zalo/webhook")
        {
            _lines.Enqueue(line);
        }
    }

    private static string Shape(string sql) => string.Join("; ", StatementEnd().Split(sql)
        .Select(s => s.Trim())
        .Where(s => s.Length > 0)
        .Select(s =>
        {
            var verb = s.Split((char[]?)null, 2)[0].ToUpperInvariant();
            // A SELECT's table is its outermost named table (subqueries in the select list come
            // first, and EF may wrap the main table in a derived one).
            var table = verb == "SELECT"
                ? FromTable().Matches(s).MinBy(m => s[..m.Index].Count(c => c == '(') - s[..m.Index].Count(c => c == ')'))
                : TargetTable().Match(s);
            return table is { Success: true } ? $"{verb} {table.Groups[1].Value}" : verb;
        }));

    [GeneratedRegex(@";\s*(?:\r?\n|$)")]
    private static partial Regex StatementEnd();

    [GeneratedRegex(@"\bFROM\s+""(\w+)""")]
    private static partial Regex FromTable();

    [GeneratedRegex(@"^(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+""(\w+)""", RegexOptions.IgnoreCase)]
    private static partial Regex TargetTable();

    private sealed class Interceptor(SqlRecorder recorder, IHttpContextAccessor http) : DbCommandInterceptor, IDbTransactionInterceptor
    {
        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            recorder.Record(http, Shape(command.CommandText));
            return ValueTask.FromResult(result);
        }

        public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            recorder.Record(http, Shape(command.CommandText));
            return ValueTask.FromResult(result);
        }

        public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
        {
            recorder.Record(http, Shape(command.CommandText));
            return ValueTask.FromResult(result);
        }

        public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
        {
            recorder.Record(http, "COMMIT");
            return Task.CompletedTask;
        }

        public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
        {
            recorder.Record(http, "ROLLBACK");
            return Task.CompletedTask;
        }
    }
}
