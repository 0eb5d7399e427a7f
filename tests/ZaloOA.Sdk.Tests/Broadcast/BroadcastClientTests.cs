using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using ZaloOA.Sdk.Broadcast;
using ZaloOA.Tests.Common;

namespace ZaloOA.Sdk.Tests.Broadcast;

public class BroadcastClientTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static BroadcastTarget Targeted() => new()
    {
        Ages = [BroadcastAgeGroup.From18To24, BroadcastAgeGroup.From25To34],
        Gender = BroadcastGender.Male,
        Locations = [BroadcastRegion.South],
        Cities = [BroadcastCity.HoChiMinh, BroadcastCity.HaNoi, BroadcastCity.TraVinh],
        Platforms = [BroadcastPlatform.IOS, BroadcastPlatform.Android],
        Telcos = [BroadcastTelco.Viettel],
    };

    private static ZaloTestHost Host()
    {
        var host = new ZaloTestHost();
        host.Server.Given(Request.Create().WithPath("/v2.0/oa/message").UsingPost())
            .RespondWith(Response.Create().WithBody("""{"error":0,"message":"Success","data":{"message_id":"bm-1"}}"""));
        return host;
    }

    [Fact]
    public async Task Broadcast_posts_comma_string_targets_and_article_elements_to_v2_message()
    {
        await using var host = Host();

        var result = await host.Client.Broadcast.SendArticlesAsync(new BroadcastRequest { ArticleIds = ["a-1", "a-2"], Target = Targeted() }, Ct);

        Assert.Equal("bm-1", result.MessageId);
        var request = host.Server.SingleRequestTo("/v2.0/oa/message");
        Assert.Equal(ZaloTestHost.AccessToken, request.Headers!["access_token"][0]);
        WireMockExtensions.AssertJsonEqual(Fixtures.Text("Broadcast", "targeted-request"), request.Body);
    }

    [Fact]
    public async Task Wire_format_can_use_integer_arrays_and_the_platforms_key()
    {
        await using var host = Host();
        var format = new BroadcastWireFormat { PlatformKey = "platforms", UseIntegerArrays = true };

        await host.Client.Broadcast.SendArticlesAsync(new BroadcastRequest { ArticleIds = ["a-1"], Target = Targeted(), WireFormat = format }, Ct);

        WireMockExtensions.AssertJsonEqual(
            """
            {"recipient":{"target":{"ages":[2,3],"gender":1,"locations":[2],"cities":[4,9,13],"platforms":[1,2],"telcos":[3]}},
             "message":{"attachment":{"type":"template","payload":{"template_type":"media","elements":[{"media_type":"article","attachment_id":"a-1"}]}}}}
            """,
            host.Server.SingleRequestTo("/v2.0/oa/message").Body);
    }

    [Fact]
    public async Task All_followers_sends_gender_zero_only()
    {
        await using var host = Host();

        await host.Client.Broadcast.SendArticleAsync("a-1", BroadcastTarget.AllFollowers, Ct);

        WireMockExtensions.AssertJsonEqual(
            """{"recipient":{"target":{"gender":"0"}},"message":{"attachment":{"type":"template","payload":{"template_type":"media","elements":[{"media_type":"article","attachment_id":"a-1"}]}}}}""",
            host.Server.SingleRequestTo("/v2.0/oa/message").Body);
    }

    [Fact]
    public async Task Repeated_codes_are_sent_once()
    {
        await using var host = Host();

        await host.Client.Broadcast.SendArticleAsync("a-1", new BroadcastTarget { Telcos = [BroadcastTelco.Viettel, BroadcastTelco.Mobifone, BroadcastTelco.Viettel] }, Ct);

        Assert.Contains("\"telcos\":\"3,1\"", host.Server.SingleRequestTo("/v2.0/oa/message").Body, StringComparison.Ordinal);
    }

    [Fact]
    public void Province_codes_match_the_official_table()
    {
        Assert.Equal(13, (int)BroadcastCity.TraVinh);
        Assert.Equal(4, (int)BroadcastCity.HoChiMinh);
        Assert.Equal(9, (int)BroadcastCity.HaNoi);
        Assert.Equal(20, (int)BroadcastCity.DaNang);
        Assert.Equal(45, (int)BroadcastCity.CanTho);
        Assert.Equal(63, (int)BroadcastCity.OutsideVietnam);
        Assert.Equal(64, Enum.GetValues<BroadcastCity>().Length);
        Assert.Equal(Enumerable.Range(0, 64), Enum.GetValues<BroadcastCity>().Select(c => (int)c).Order());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(6)]
    public async Task Article_count_outside_1_to_5_is_refused_before_sending(int count)
    {
        await using var host = Host();
        var ids = Enumerable.Range(1, count).Select(i => "a-" + i).ToArray();

        var ex = await Assert.ThrowsAsync<ZaloValidationException>(() => host.Client.Broadcast.SendArticlesAsync(new BroadcastRequest { ArticleIds = ids, Target = BroadcastTarget.AllFollowers }, Ct));

        Assert.Equal("ArticleIds", ex.ParamName);
        Assert.Empty(host.Server.LogEntries);
    }

    [Fact]
    public async Task Empty_target_is_refused()
    {
        await using var host = Host();

        var ex = await Assert.ThrowsAsync<ZaloValidationException>(() => host.Client.Broadcast.SendArticleAsync("a-1", new BroadcastTarget { Cities = [] }, Ct));

        Assert.Equal("Target", ex.ParamName);
        Assert.Contains("AllFollowers", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Blank_article_id_is_refused()
    {
        await using var host = Host();

        var ex = await Assert.ThrowsAsync<ZaloValidationException>(() => host.Client.Broadcast.SendArticleAsync(" ", BroadcastTarget.AllFollowers, Ct));

        Assert.Equal("ArticleIds[0]", ex.ParamName);
    }

    [Fact]
    public async Task Negative_code_is_refused()
    {
        await using var host = Host();

        var ex = await Assert.ThrowsAsync<ZaloValidationException>(() => host.Client.Broadcast.SendArticleAsync("a-1", new BroadcastTarget { Cities = [(BroadcastCity)(-1)] }, Ct));

        Assert.Equal("Target.cities", ex.ParamName);
    }

    [Fact]
    public async Task Blank_platform_key_is_refused()
    {
        await using var host = Host();

        var ex = await Assert.ThrowsAsync<ZaloValidationException>(() => host.Client.Broadcast.SendArticlesAsync(
            new BroadcastRequest { ArticleIds = ["a-1"], Target = BroadcastTarget.AllFollowers, WireFormat = new BroadcastWireFormat { PlatformKey = "" } }, Ct));

        Assert.Equal("WireFormat", ex.ParamName);
    }
}
