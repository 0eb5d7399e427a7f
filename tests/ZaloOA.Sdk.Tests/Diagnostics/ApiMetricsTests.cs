using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using ZaloOA.Tests.Common;
using static ZaloOA.Sdk.Tests.Messaging.ZaloWire;

namespace ZaloOA.Sdk.Tests.Diagnostics;

/// <summary>The tests in this collection share the process-wide meter <c>ZaloOA.Sdk</c>, so they run
/// alone: no other test's calls can land in their collectors.</summary>
[CollectionDefinition(nameof(SdkMeterCollection), DisableParallelization = true)]
public sealed class SdkMeterCollection;

/// <summary>The meter <c>ZaloOA.Sdk</c>: every API call is counted by operation and outcome, and timed.</summary>
[Collection(nameof(SdkMeterCollection))]
public class ApiMetricsTests
{
    private const string Meter = "ZaloOA.Sdk";
    private const string Cs = "/v3.0/oa/message/cs";
    private const string UserId = "2468458835296197922";

    [Fact]
    public async Task A_successful_call_counts_one_ok_request_and_records_its_duration()
    {
        await using var host = new ZaloTestHost();
        host.RespondData(Cs, """{"message_id":"m"}""");
        using var requests = new MetricCollector<long>(null, Meter, "zalooa.api.requests");
        using var duration = new MetricCollector<double>(null, Meter, "zalooa.api.duration");

        await host.Client.Messages.SendTextAsync(UserId, "Xin chào", Ct);

        var r = Assert.Single(requests.GetMeasurementSnapshot());
        Assert.Equal((1L, "messages.send", "ok"), (r.Value, (string)r.Tags["operation"]!, (string)r.Tags["outcome"]!));
        var d = Assert.Single(duration.GetMeasurementSnapshot());
        Assert.True(d.Value >= 0);
        Assert.Equal(("messages.send", "ok"), ((string)d.Tags["operation"]!, (string)d.Tags["outcome"]!));
    }

    [Fact]
    public async Task A_zalo_error_is_counted_with_its_code_as_the_outcome()
    {
        await using var host = new ZaloTestHost();
        host.RespondError(Cs, -230, "User has not interacted with the OA in the past 7 days");
        using var requests = new MetricCollector<long>(null, Meter, "zalooa.api.requests");

        await Assert.ThrowsAsync<ZaloApiException>(() => host.Client.Messages.SendTextAsync(UserId, "Xin chào", Ct));

        var r = Assert.Single(requests.GetMeasurementSnapshot());
        Assert.Equal((1L, "messages.send", "-230"), (r.Value, (string)r.Tags["operation"]!, (string)r.Tags["outcome"]!));
    }

    [Fact]
    public async Task A_transport_failure_is_counted_as_an_error()
    {
        await using var host = new ZaloTestHost();
        host.Server.Stop();
        using var requests = new MetricCollector<long>(null, Meter, "zalooa.api.requests");

        await Assert.ThrowsAsync<ZaloTransportException>(() => host.Client.Messages.SendTextAsync(UserId, "Xin chào", Ct));

        var r = Assert.Single(requests.GetMeasurementSnapshot());
        Assert.Equal((1L, "messages.send", "error"), (r.Value, (string)r.Tags["operation"]!, (string)r.Tags["outcome"]!));
    }
}
