using ZaloOA.Tests.Common;
using ZaloOA.Sdk.Tests.Messaging;
using static ZaloOA.Sdk.Tests.Messaging.ZaloWire;

namespace ZaloOA.Sdk.Tests.OfficialAccount;

public class OfficialAccountTests
{
    [Fact]
    public async Task Get_reads_getoa_with_oaid()
    {
        await using var host = new ZaloTestHost();
        host.RespondData("/v2.0/oa/getoa", """
            {"oaid":388613280878808645,"name":"Công an phường","description":"d","oa_alias":"@ca","is_verified":true,"oa_type":2,
             "cate_name":"Cơ quan nhà nước","num_follower":"1234","avatar":"https://a","cover":"https://c","package_name":"Nâng cao",
             "package_valid_through_date":"31/12/2026","package_auto_renew_date":"","linked_ZCA":{"id":"z"}}
            """);

        var oa = await host.Client.OfficialAccount.GetAsync(Ct);

        var request = host.Received("GET", "/v2.0/oa/getoa");
        Assert.Empty(request.Query!);
        Assert.Equal("388613280878808645", oa.Id);
        Assert.Equal("Công an phường", oa.Name);
        Assert.True(oa.IsVerified);
        Assert.Equal("2", oa.OaType);
        Assert.Equal(1234, oa.NumFollower);
        Assert.Equal("z", oa.LinkedZca!.Value.GetProperty("id").GetString());
    }

    [Fact]
    public async Task Get_reads_the_oa_id_spelling_too()
    {
        await using var host = new ZaloTestHost();
        host.RespondData("/v2.0/oa/getoa", """{"oa_id":"388613280878808645","name":"x"}""");

        var oa = await host.Client.OfficialAccount.GetAsync(Ct);

        Assert.Equal("388613280878808645", oa.Id);
    }

    [Fact]
    public async Task Get_with_an_access_token_asks_with_that_token_and_not_the_stored_one()
    {
        await using var host = new ZaloTestHost();
        host.RespondData("/v2.0/oa/getoa", """{"oaid":"999000111222333444","name":"Công an tỉnh"}""");

        var oa = await host.Client.OfficialAccount.GetAsync("consent-access-token", Ct);

        var request = host.Server.SingleRequestTo("/v2.0/oa/getoa");
        Assert.Equal("GET", request.Method);
        Assert.Equal("consent-access-token", request.Headers!["access_token"][0]);
        Assert.Equal("999000111222333444", oa.Id);
    }

    [Fact]
    public async Task Get_with_a_rejected_access_token_throws_216_without_refreshing_or_replaying()
    {
        await using var host = new ZaloTestHost();
        host.StubTokenEndpoint();
        host.RespondError("/v2.0/oa/getoa", -216, "Access token is invalid");

        var error = await Assert.ThrowsAsync<ZaloApiException>(() => host.Client.OfficialAccount.GetAsync("forged-access-token", Ct));

        Assert.Equal(-216, error.ErrorCode.Value);
        Assert.Single(host.Server.RequestsTo("/v2.0/oa/getoa"));
        Assert.Empty(host.TokenRequests);
        Assert.Equal(ZaloTestHost.RefreshToken, (await host.Store.GetAsync(ZaloTestHost.OaId, Ct))!.RefreshToken);
    }
}
