using System.Net;
using ZaloOA.Sdk.Webhooks;
using ZaloOA.Tests.Common;

namespace ZaloOA.Sdk.AspNetCore.Tests;

/// <summary>Posts every signed fixture (the core tests' Resources/Webhooks, linked) through the
/// endpoint: each is accepted and reaches the handlers as the same typed event the parser builds
/// from those bytes (the core's EventFixtureTests check each fixture's fields).</summary>
public class WebhookFixtureIntegrationTests
{
    public static TheoryData<string> Names() => [.. Fixtures.Names("Webhooks")];

    [Theory]
    [MemberData(nameof(Names))]
    public async Task Every_fixture_is_accepted_and_parsed_into_its_typed_event(string name)
    {
        var body = Fixtures.Bytes("Webhooks", name);
        var expected = ZaloWebhookParser.Parse(body);
        var stamped = DateTimeOffset.FromUnixTimeMilliseconds(long.Parse(WebhookSigner.TimestampOf(body), System.Globalization.CultureInfo.InvariantCulture));
        // Delivered when Zalo stamped it: inside the timestamp window.
        await using var app = await WebhookApp.StartAsync(now: stamped);

        var response = await app.PostAsync(body);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var e = Assert.Single(app.Recorder.Handled);
        Assert.Equal(body, e.RawBody.ToArray());
        Assert.Equal(ZaloTestHost.AppId, e.AppId);
        Assert.Equal(stamped, e.Timestamp);
        Assert.Equal(
            (expected.GetType(), expected.EventName, expected.OaId, expected.UserId, expected.MessageId, expected.DeduplicationKey),
            (e.GetType(), e.EventName, e.OaId, e.UserId, e.MessageId, e.DeduplicationKey));
    }
}
