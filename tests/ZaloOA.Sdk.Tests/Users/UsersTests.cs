using ZaloOA.Sdk.Tests.Messaging;
using ZaloOA.Sdk.Users;
using ZaloOA.Tests.Common;
using static ZaloOA.Sdk.Tests.Messaging.ZaloWire;

namespace ZaloOA.Sdk.Tests.Users;

public class UsersTests
{
    [Fact]
    public async Task Detail_gets_v3_with_user_id_data_and_reads_the_full_profile()
    {
        await using var host = new ZaloTestHost();
        host.RespondBody("/v3.0/oa/user/detail", Fixtures.Text("Users", "user-detail"));

        var user = await host.Client.Users.GetAsync("2468458835296197922", Ct);

        host.ReceivedData("/v3.0/oa/user/detail", """{"user_id":"2468458835296197922"}""");
        Assert.Equal("2468458835296197922", user.UserId);
        Assert.Equal("5432109876543210987", user.UserIdByApp);
        Assert.Equal("Nguyễn Văn A", user.DisplayName);
        Assert.Equal(new DateOnly(2026, 11, 28), user.UserLastInteractionDate);
        Assert.True(user.UserIsFollower);
        Assert.False(user.IsSensitive);
        Assert.Equal("https://s240-ava-talk.zadn.vn/a.jpg", user.Avatars!["240"]);
        Assert.Equal(["vip"], user.TagsAndNotesInfo!.TagNames!);
        Assert.Equal("84912345678", user.SharedInfo!.Phone);
        Assert.Equal("Hà Nội", user.SharedInfo.City);
        Assert.True(user.AdditionalProperties!.ContainsKey("is_new_field"));
    }

    [Fact]
    public async Task List_gets_v3_getlist_with_the_filter_as_data()
    {
        await using var host = new ZaloTestHost();
        host.RespondData("/v3.0/oa/user/getlist", """{"total":6,"count":15,"offset":0,"users":[{"user_id":"4572947693969771653"},{"user_id":4572947693969771654}]}""");

        var page = await host.Client.Users.ListAsync(new ZaloUserListRequest { Offset = 0, Count = 15, TagName = "vip", LastInteractionPeriod = ZaloInteractionPeriod.Last7Days, IsFollower = true }, Ct);

        host.ReceivedData("/v3.0/oa/user/getlist", """{"offset":0,"count":15,"tag_name":"vip","last_interaction_period":"L7D","is_follower":"true"}""");
        Assert.Equal(6, page.Total);
        Assert.Equal(["4572947693969771653", "4572947693969771654"], page.Users.Select(u => u.UserId));
    }

    [Fact]
    public async Task List_count_over_50_is_refused()
    {
        await using var host = new ZaloTestHost();

        var ex = await Assert.ThrowsAsync<ZaloValidationException>(() => host.Client.Users.ListAsync(new ZaloUserListRequest { Count = 51 }, Ct));

        Assert.Equal("count", ex.ParamName);
        Assert.Contains("between 1 and 50", ex.Message, StringComparison.Ordinal);
        host.ReceivedNothing();
    }

    [Fact]
    public async Task List_all_pages_until_the_total_is_reached()
    {
        await using var host = new ZaloTestHost();
        host.Server.Given(WireMock.RequestBuilders.Request.Create().WithPath("/v3.0/oa/user/getlist").WithParam("data", """{"offset":0,"count":2}"""))
            .RespondWith(WireMock.ResponseBuilders.Response.Create().WithBody("""{"error":0,"data":{"total":3,"users":[{"user_id":"1"},{"user_id":"2"}]}}"""));
        host.Server.Given(WireMock.RequestBuilders.Request.Create().WithPath("/v3.0/oa/user/getlist").WithParam("data", """{"offset":2,"count":2}"""))
            .RespondWith(WireMock.ResponseBuilders.Response.Create().WithBody("""{"error":0,"data":{"total":3,"users":[{"user_id":"3"}]}}"""));

        var ids = new List<string?>();
        await foreach (var user in host.Client.Users.ListAllAsync(new ZaloUserListRequest { Count = 2 }, Ct))
        {
            ids.Add(user.UserId);
        }

        Assert.Equal(["1", "2", "3"], ids);
        Assert.Equal(2, host.Server.LogEntries.Count);
    }

    [Fact]
    public async Task Legacy_profile_gets_v2_getprofile()
    {
        await using var host = new ZaloTestHost();
        host.RespondData("/v2.0/oa/getprofile", """{"user_gender":1,"user_id":2468458835296197922,"display_name":"A","avatars":{"120":"u"}}""");

        var profile = await host.Client.Users.GetLegacyProfileAsync("2468458835296197922", Ct);

        host.ReceivedData("/v2.0/oa/getprofile", """{"user_id":"2468458835296197922"}""");
        Assert.Equal("2468458835296197922", profile.UserId);
        Assert.Equal(1, profile.UserGender);
    }

    [Fact]
    public async Task Legacy_followers_gets_v2_getfollowers()
    {
        await using var host = new ZaloTestHost();
        host.RespondData("/v2.0/oa/getfollowers", """{"total":"2","followers":[{"user_id":"1"},{"user_id":"2"}]}""");

        var page = await host.Client.Users.GetLegacyFollowersAsync(10, 5, Ct);

        host.ReceivedData("/v2.0/oa/getfollowers", """{"offset":10,"count":5}""");
        Assert.Equal(2, page.Total);
        Assert.Equal(2, page.Followers.Count);
    }
}
