using System.Diagnostics.Metrics;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using ZaloOA.PoliceDesk.Data;
using ZaloOA.PoliceDesk.Domain;
using ZaloOA.PoliceDesk.Operations;

namespace ZaloOA.PoliceDesk.Tests;

/// <summary>The operations view for IT staff and its metrics, in emulator mode (the real SDK, so
/// real token state): token validity, last webhook, last send error, the queues.</summary>
public sealed class OperationsTests : IDisposable
{
    private readonly DeskState _state = new();
    private readonly EmulatorDeskFactory _desk;

    public OperationsTests() => _desk = new EmulatorDeskFactory(_state);

    public void Dispose()
    {
        _desk.Dispose();
        _state.Dispose();
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string Oa => EmulatorDeskFactory.OaTpTraVinh;

    [Fact]
    public async Task The_page_shows_each_oas_token_last_webhook_and_last_send_error()
    {
        _desk.Start();
        // Not a follower: the acknowledgement is refused by Zalo (-213) and given up.
        Assert.Equal(HttpStatusCode.OK, await _desk.DeliverAsync(_desk.Emulator.Events.UserSendText(Oa, EmulatorDeskFactory.Citizen, "Có người lạ khả nghi")));
        await _desk.SendQueuedAsync();
        var admin = await _desk.SignInAsync(TraVinhSeed.AdminUserName);

        var html = await admin.GetStringAsync("/Operations", Ct);

        var row = System.Text.RegularExpressions.Regex.Match(html, $"<tr[^>]*>\\s*<td>Công an TP Trà Vinh</td>\\s*<td><code>{Oa}</code></td>(.*?)</tr>", System.Text.RegularExpressions.RegexOptions.Singleline);
        Assert.True(row.Success, html);
        Assert.Contains("<td>Hợp lệ</td>", row.Groups[1].Value, StringComparison.Ordinal);
        Assert.Contains($"<td>{_state.Time.GetUtcNow().VnTime()}</td>", row.Groups[1].Value, StringComparison.Ordinal); // the webhook
        var error = await _desk.DbAsync(db => db.Outbox.Where(o => o.OaId == Oa).Select(o => o.LastError).SingleAsync(Ct));
        Assert.NotNull(error);
        Assert.Contains(error, row.Groups[1].Value, StringComparison.Ordinal);
        // Nothing waiting (so no attempts or age), one row of the past day given up.
        Assert.Matches("<td>Tin gửi người dân \\(outbox\\)</td><td>0</td><td>0</td><td>0</td><td>—</td><td>1</td>", html);
    }

    [Fact]
    public async Task Webhook_activity_is_written_once_a_minute_per_oa()
    {
        _desk.Start();
        var first = _state.Time.GetUtcNow();
        await _desk.DeliverAsync(_desk.Emulator.Events.UserSendText(Oa, EmulatorDeskFactory.Citizen, "Một"));
        _state.Time.Advance(TimeSpan.FromSeconds(30));
        await _desk.DeliverAsync(_desk.Emulator.Events.UserSendText(Oa, EmulatorDeskFactory.Citizen, "Hai"));
        Assert.Equal(first, await _desk.DbAsync(db => db.ZaloLinkActivity.Where(a => a.OaId == Oa).Select(a => a.LastWebhookAt).SingleAsync(Ct)));

        _state.Time.Advance(TimeSpan.FromSeconds(31));
        await _desk.DeliverAsync(_desk.Emulator.Events.UserSendText(Oa, EmulatorDeskFactory.Citizen, "Ba"));

        Assert.Equal(first.AddSeconds(61), await _desk.DbAsync(db => db.ZaloLinkActivity.Where(a => a.OaId == Oa).Select(a => a.LastWebhookAt).SingleAsync(Ct)));
    }

    [Fact]
    public async Task An_officer_may_not_open_the_operations_page()
    {
        _desk.Start();
        var officer = await _desk.SignInAsync("canbo.tptravinh");

        using var response = await officer.GetAsync("/Operations", Ct);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task The_metrics_report_the_queues_and_each_oas_token()
    {
        _desk.Start();
        var meters = _desk.Services.GetRequiredService<IMeterFactory>();
        using var pending = new MetricCollector<double>(meters, DeskMetrics.MeterName, "policedesk.outbox.pending");
        using var expiresIn = new MetricCollector<double>(meters, DeskMetrics.MeterName, "policedesk.zalo.token.expires_in");
        using var webhookAge = new MetricCollector<double>(meters, DeskMetrics.MeterName, "policedesk.zalo.webhook.age");
        await _desk.DeliverAsync(_desk.Emulator.Events.UserSendText(Oa, EmulatorDeskFactory.Citizen, "Có người lạ khả nghi"));
        _state.Time.Advance(TimeSpan.FromSeconds(20));

        await _desk.Services.GetRequiredService<OperationsMetricsWorker>().RefreshAsync(Ct);
        pending.RecordObservableInstruments();
        expiresIn.RecordObservableInstruments();
        webhookAge.RecordObservableInstruments();

        Assert.Equal(1, pending.LastMeasurement!.Value); // the queued acknowledgement
        var token = expiresIn.GetMeasurementSnapshot().Single(m => (string?)m.Tags["oa_id"] == Oa);
        Assert.True(token.Value > 0, $"expires in {token.Value} s");
        Assert.Equal(20, webhookAge.GetMeasurementSnapshot().Single(m => (string?)m.Tags["oa_id"] == Oa).Value);
    }
}
