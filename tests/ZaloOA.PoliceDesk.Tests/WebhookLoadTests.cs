using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using ZaloOA.PoliceDesk.Domain;
using ZaloOA.PoliceDesk.Load;
using ZaloOA.Tests.Common;

namespace ZaloOA.PoliceDesk.Tests;

/// <summary>
/// A bounded load test on loopback: signed webhooks at a fixed rate for a fixed time against the
/// desk's <c>/zalo/webhook</c> on Kestrel (<see cref="WebhookLoad"/>). Asserts correctness only —
/// every webhook answered 200, as many messages stored as sent, no duplicate — never timing; the
/// rate achieved and the latency percentiles are printed. Defaults keep the run short (50/s for
/// 4 s); <c>ZALOOA_LOAD_RATE</c> and <c>ZALOOA_LOAD_SECONDS</c> lengthen it. The tests run alone
/// (no other test competes for the machine), one after the other.
/// </summary>
[Collection(nameof(LoadCollection))]
public sealed class WebhookLoadTests
{
    private static double Rate => double.Parse(Environment.GetEnvironmentVariable("ZALOOA_LOAD_RATE") ?? "50", CultureInfo.InvariantCulture);

    private static double Seconds => double.Parse(Environment.GetEnvironmentVariable("ZALOOA_LOAD_SECONDS") ?? "4", CultureInfo.InvariantCulture);

    [Fact]
    public async Task Webhooks_at_a_fixed_rate_on_sqlite_are_all_stored_once()
    {
        using var state = new DeskState();
        await using var desk = new ScaleOutDeskFactory(
            new Dictionary<string, string?>
            {
                ["Storage:Provider"] = "Sqlite",
                ["Storage:ConnectionString"] = $"Data Source={Path.Combine(state.Root, "desk.db")}",
                ["Desk:MediaPath"] = Path.Combine(state.Root, "media"),
            },
            kestrel: true);
        var url = desk.Start();

        var result = await RunAsync([url]);

        await AssertAllStoredOnceAsync(desk, result, "SQLite, one instance");
    }

    [Fact]
    public async Task Webhooks_at_a_fixed_rate_across_two_instances_on_postgresql_and_redis_are_all_stored_once()
    {
        await using var database = new TestPostgresDatabase();
        var settings = new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "PostgreSQL",
            ["ConnectionStrings:PoliceDesk"] = database.ConnectionString,
            ["Redis:Configuration"] = RequiredServer.Redis(),
            ["Redis:KeyPrefix"] = "desk-load-" + Guid.NewGuid().ToString("N")[..8] + ":",
        };
        await using var a = new ScaleOutDeskFactory(settings, kestrel: true);
        await using var b = new ScaleOutDeskFactory(settings, kestrel: true);
        var urls = await Task.WhenAll(Task.Run(a.Start), Task.Run(b.Start));

        var result = await RunAsync(urls);

        await AssertAllStoredOnceAsync(a, result, "PostgreSQL + Redis, two instances");
    }

    private static async Task<WebhookLoadResult> RunAsync(IReadOnlyList<Uri> urls)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(60) };
        return await WebhookLoad.RunAsync(
            http,
            new WebhookLoadOptions
            {
                Urls = urls,
                Rate = Rate,
                Duration = TimeSpan.FromSeconds(Seconds),
                MaxCount = 5_000,
                AppId = ZaloTestHost.AppId,
                OaSecretKey = ZaloTestHost.OaSecretKey,
                OaId = ScaleOutDeskFactory.OaId,
            },
            TestContext.Current.CancellationToken);
    }

    private static async Task AssertAllStoredOnceAsync(ScaleOutDeskFactory desk, WebhookLoadResult result, string setup)
    {
        var report = $"Webhook load ({setup}, target {Rate.ToString(CultureInfo.InvariantCulture)}/s for {Seconds.ToString(CultureInfo.InvariantCulture)} s): {result}";
        TestContext.Current.TestOutputHelper?.WriteLine(report);
        Console.WriteLine(report);

        var sent = result.MessageIds.ToHashSet(StringComparer.Ordinal);
        var stored = await desk.DbAsync(db => db.Messages
            .Where(m => m.Direction == MessageDirection.Inbound && m.ZaloMsgId != null && m.ZaloMsgId.StartsWith("load-"))
            .Select(m => m.ZaloMsgId!)
            .ToListAsync(TestContext.Current.CancellationToken));

        Assert.True(result.Sent > 0);
        Assert.Equal(new Dictionary<int, int> { [(int)HttpStatusCode.OK] = result.Sent }, result.StatusCounts);
        Assert.Equal(result.Sent, stored.Count);
        Assert.Equal(stored.Count, stored.Distinct(StringComparer.Ordinal).Count());
        Assert.True(sent.SetEquals(stored), "The stored msg_ids differ from the ones sent.");
    }
}

/// <summary>Load tests run alone: parallel tests would compete for the CPU and the database.</summary>
[CollectionDefinition(nameof(LoadCollection), DisableParallelization = true)]
public sealed class LoadCollection;
