using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using ZaloOA.PoliceDesk.Outbox;
using ZaloOA.PoliceDesk.Domain;
using ZaloOA.Sdk.Webhooks;
using ZaloOA.Tests.Common;

namespace ZaloOA.PoliceDesk.Tests;

/// <summary>
/// Two instances of the desk (two hosts) on one fresh PostgreSQL database and one Redis, configured
/// as an operator would (<c>Storage:Provider=PostgreSQL</c>, <c>ConnectionStrings:PoliceDesk</c>,
/// <c>Redis:Configuration</c>). Both start at the same time, so both create, migrate and seed the
/// database concurrently; Zalo's redelivery of one webhook may reach either.
/// </summary>
public sealed class MultiInstanceTests : IAsyncLifetime
{
    private const string Citizen = "8800000000000000001";

    private readonly TestPostgresDatabase _database = new();
    private readonly string _redis = RequiredServer.Redis();
    private readonly string _keyPrefix = "desk-test-" + Guid.NewGuid().ToString("N")[..8] + ":";
    private readonly WireMockServer _zalo = WireMockServer.Start();
    private ScaleOutDeskFactory _a = null!;
    private ScaleOutDeskFactory _b = null!;

    public async ValueTask InitializeAsync()
    {
        var settings = new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "PostgreSQL",
            ["ConnectionStrings:PoliceDesk"] = _database.ConnectionString,
            ["Redis:Configuration"] = _redis,
            ["Redis:KeyPrefix"] = _keyPrefix,
            ["Zalo:ApiBaseUrl"] = _zalo.Url + "/",
            ["Zalo:OAuthBaseUrl"] = _zalo.Url + "/",
            ["Desk:SessionCheckInterval"] = "00:00:02",
        };
        _zalo.Given(Request.Create().WithPath("/v4/oa/access_token").UsingPost())
            .RespondWith(Response.Create().WithBody("""{"access_token":"access-1","refresh_token":"refresh-2","expires_in":"90000"}"""));
        _zalo.Given(Request.Create().WithPath("/v3.0/oa/message/cs").UsingPost())
            .RespondWith(Response.Create().WithBody("""{"error":0,"message":"Success","data":{"message_id":"ack-1"}}"""));
        _a = new ScaleOutDeskFactory(settings);
        _b = new ScaleOutDeskFactory(settings);

        // Both instances start together: database creation, migrations and the seed race.
        await Task.WhenAll(Task.Run(() => _a.Start()), Task.Run(() => _b.Start()));
    }

    public async ValueTask DisposeAsync()
    {
        await _a.DisposeAsync();
        await _b.DisposeAsync();
        await _database.DisposeAsync();
        _zalo.Stop();
        _zalo.Dispose();
    }

    [Fact]
    public async Task Both_instances_migrate_and_seed_one_database_concurrently_without_error()
    {
        var (unitsA, unitsB) = (await _a.DbAsync(db => db.Units.CountAsync()), await _b.DbAsync(db => db.Units.CountAsync()));
        var codes = await _a.DbAsync(db => db.Units.Select(u => u.Code).ToListAsync());
        var migrations = await _a.DbAsync(db => db.Database.GetAppliedMigrationsAsync());
        var pending = await _b.DbAsync(db => db.Database.GetPendingMigrationsAsync());
        var linked = await _a.DbAsync(db => db.Units.Where(u => u.ZaloOaId == ScaleOutDeskFactory.OaId).Select(u => u.Code).ToListAsync());

        Assert.True(unitsA > 0);
        Assert.Equal(unitsA, unitsB);
        Assert.Equal(codes.Count, codes.Distinct().Count());
        Assert.NotEmpty(migrations);
        Assert.Empty(pending);
        Assert.Equal(["CATP-TRAVINH"], linked);
    }

    [Fact]
    public async Task The_same_webhook_delivered_to_both_instances_one_after_the_other_files_one_case_and_one_message()
    {
        var body = ScaleOutDeskFactory.TextEvent("seq-1", Citizen);

        var first = await _a.DeliverAsync(body);
        var second = await _b.DeliverAsync(body);

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (first, second));
        await AssertOneCaseAndOneInboundMessageAsync("seq-1");
        Assert.Equal("done", (string?)await RedisMarkAsync(body));
    }

    [Fact]
    public async Task The_same_webhook_delivered_to_both_instances_at_once_files_one_case_and_one_message()
    {
        var body = ScaleOutDeskFactory.TextEvent("par-1", Citizen);

        var statuses = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => Task.Run(() => (i % 2 == 0 ? _a : _b).DeliverAsync(body))));

        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.OK, s));
        await AssertOneCaseAndOneInboundMessageAsync("par-1");
        Assert.Equal("done", (string?)await RedisMarkAsync(body));
    }

    [Fact]
    public async Task Both_instances_outbox_workers_send_the_new_case_acknowledgement_once()
    {
        Assert.Equal(HttpStatusCode.OK, await _a.DeliverAsync(ScaleOutDeskFactory.TextEvent("ack-1", Citizen)));

        var processed = await Task.WhenAll(
            Task.Run(() => _a.Services.GetRequiredService<OutboxWorker>().ProcessDueAsync(TestContext.Current.CancellationToken)),
            Task.Run(() => _b.Services.GetRequiredService<OutboxWorker>().ProcessDueAsync(TestContext.Current.CancellationToken)));

        Assert.Equal(1, processed.Sum());
        var sent = Assert.Single(_zalo.RequestsTo("/v3.0/oa/message/cs")).RequestMessage;
        Assert.Contains("\"user_id\":\"" + Citizen + "\"", sent.Body, StringComparison.Ordinal);
        Assert.Single(_zalo.RequestsTo("/v4/oa/access_token"));
        var delivery = await _b.DbAsync(db => db.Outbox.Select(o => o.Status).SingleAsync());
        Assert.Equal(DeliveryStatus.Sent, delivery);
    }

    [Fact]
    public async Task An_officers_reply_during_a_Zalo_outage_is_sent_once_by_the_two_instances_when_Zalo_is_back()
    {
        var ct = TestContext.Current.CancellationToken;
        const string Reply = "Chúng tôi đã cử cán bộ tới xác minh.";
        Assert.Equal(HttpStatusCode.OK, await _a.DeliverAsync(ScaleOutDeskFactory.TextEvent("out-1", Citizen)));
        Assert.Equal(1, await SendOnBothAsync()); // the acknowledgement, before the outage
        var caseId = await _a.DbAsync(db => db.Cases.Select(c => c.Id).SingleAsync(ct));

        // Zalo goes down; an officer signed in on instance B replies; both instances try.
        var outage = Guid.NewGuid();
        _zalo.Given(Request.Create().WithPath("/v3.0/oa/message/cs").UsingPost()).WithGuid(outage).AtPriority(-10)
            .RespondWith(Response.Create().WithStatusCode(503).WithBody("""{"error":-32,"message":"Service unavailable"}"""));
        using var officer = _b.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        (await DeskFactory.LogInAsync(officer, ScaleOutDeskFactory.AdminUser, ScaleOutDeskFactory.AdminPassword)).Dispose();
        using (var response = await ReplyTests.ReplyAsync(officer, caseId, Reply))
        {
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        }

        Assert.Equal(1, await SendOnBothAsync());
        Assert.Equal(DeliveryStatus.Pending, await _a.DbAsync(db => db.Messages.Where(m => m.SentById != null).Select(m => m.Delivery).SingleAsync(ct)));

        // Zalo is back; the back-off elapses (the schedule is the row's NextAttemptAt) and both
        // instances look for due rows at once, twice.
        _zalo.DeleteMapping(outage);
        await _a.DbAsync(db => db.Outbox.Where(o => o.Status == DeliveryStatus.Pending).ExecuteUpdateAsync(s => s.SetProperty(o => o.NextAttemptAt, DateTimeOffset.UtcNow.AddSeconds(-1)), ct));
        Assert.Equal(1, await SendOnBothAsync());
        Assert.Equal(0, await SendOnBothAsync());

        var replies = _zalo.RequestsTo("/v3.0/oa/message/cs")
            .Where(e => System.Text.Json.JsonDocument.Parse(e.RequestMessage.Body!).RootElement.GetProperty("message").GetProperty("text").GetString() == Reply)
            // WireMock leaves the status unset on its default 200 answers.
            .Select(e => e.ResponseMessage.StatusCode is { } status ? Convert.ToInt32(status, System.Globalization.CultureInfo.InvariantCulture) : 200)
            .ToList();
        Assert.Equal([503, 200], replies);
        var row = await _b.DbAsync(db => db.Outbox.OrderBy(o => o.Id).LastAsync(ct));
        Assert.Equal((DeliveryStatus.Sent, 2, "ack-1"), (row.Status, row.Attempts, row.ZaloMessageId));
    }

    [Fact]
    public async Task A_staff_member_signed_in_on_one_instance_is_signed_in_on_the_other()
    {
        var ct = TestContext.Current.CancellationToken;
        using var onA = _a.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        using var login = await DeskFactory.LogInAsync(onA, ScaleOutDeskFactory.AdminUser, ScaleOutDeskFactory.AdminPassword);
        var cookie = login.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("policedesk.auth=", StringComparison.Ordinal)).Split(';')[0];

        using var onB = _b.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.Add("Cookie", cookie);
        using var page = await onB.SendAsync(request, ct);

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        await using var redis = await ConnectionMultiplexer.ConnectAsync(_redis);
        Assert.True(await redis.GetDatabase().KeyExistsAsync(_keyPrefix + "dataprotection-keys"), "The Data Protection key ring is not in Redis.");
    }

    [Fact]
    public async Task Deactivating_an_officer_on_one_instance_ends_their_session_there_at_once_and_on_the_other_within_the_interval()
    {
        var ct = TestContext.Current.CancellationToken;
        var officerId = await _a.DbAsync(async db =>
        {
            var unit = await db.Units.SingleAsync(u => u.Code == "CATP-TRAVINH", ct);
            var officer = new StaffUser { UserName = "canbo.moi", DisplayName = "Cán bộ mới", Role = StaffRole.UnitOfficer, UnitId = unit.Id };
            officer.PasswordHash = _a.Services.GetRequiredService<Microsoft.AspNetCore.Identity.IPasswordHasher<StaffUser>>().HashPassword(officer, "CanBo@2026");
            db.Staff.Add(officer);
            await db.SaveChangesAsync(ct);
            return officer.Id;
        });
        using var signIn = _a.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        using var login = await DeskFactory.LogInAsync(signIn, "canbo.moi", "CanBo@2026");
        var cookie = login.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("policedesk.auth=", StringComparison.Ordinal)).Split(';')[0];
        async Task<HttpStatusCode> InboxAsync(ScaleOutDeskFactory instance)
        {
            using var client = instance.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
            using var request = new HttpRequestMessage(HttpMethod.Get, "/");
            request.Headers.Add("Cookie", cookie);
            using var response = await client.SendAsync(request, ct);
            return response.StatusCode;
        }

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (await InboxAsync(_a), await InboxAsync(_b)));
        using var admin = _a.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        (await DeskFactory.LogInAsync(admin, ScaleOutDeskFactory.AdminUser, ScaleOutDeskFactory.AdminPassword)).Dispose();
        var unitId = await _a.DbAsync(db => db.Units.Where(u => u.Code == "CATP-TRAVINH").Select(u => u.Id).SingleAsync(ct));
        using var saved = await SessionTests.ChangeStaffAsync(admin, officerId, nameof(StaffRole.UnitOfficer), unitId, active: false);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        Assert.Equal(HttpStatusCode.Redirect, await InboxAsync(_a));
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (await InboxAsync(_b) != HttpStatusCode.Redirect)
        {
            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(10), "The other instance still accepts the deactivated officer's cookie.");
            await Task.Delay(200, ct);
        }
    }

    /// <summary>Both instances' outbox workers at once; the rows they handled together.</summary>
    private async Task<int> SendOnBothAsync()
    {
        var handled = await Task.WhenAll(
            Task.Run(() => _a.Services.GetRequiredService<OutboxWorker>().ProcessDueAsync(TestContext.Current.CancellationToken)),
            Task.Run(() => _b.Services.GetRequiredService<OutboxWorker>().ProcessDueAsync(TestContext.Current.CancellationToken)));
        return handled.Sum();
    }

    private async Task AssertOneCaseAndOneInboundMessageAsync(string msgId)
    {
        var cases = await _a.DbAsync(db => db.Cases.Where(c => c.CitizenUserId == Citizen).Select(c => c.Number).ToListAsync());
        var inbound = await _b.DbAsync(db => db.Messages.Where(m => m.Direction == MessageDirection.Inbound && m.Case.CitizenUserId == Citizen).Select(m => m.ZaloMsgId).ToListAsync());

        Assert.Single(cases);
        Assert.Equal([msgId], inbound);
    }

    /// <summary>The de-duplication mark the instances share in Redis.</summary>
    private async Task<RedisValue> RedisMarkAsync(byte[] body)
    {
        await using var redis = await ConnectionMultiplexer.ConnectAsync(_redis);
        return await redis.GetDatabase().StringGetAsync(_keyPrefix + "webhook:" + ZaloWebhookParser.Parse(body).DeduplicationKey);
    }
}
