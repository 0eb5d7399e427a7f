using ZaloOA.Tests.Common;
using ZaloOA.Sdk.Tests.Messaging;
using static ZaloOA.Sdk.Tests.Messaging.ZaloWire;

namespace ZaloOA.Sdk.Tests.Tags;

public class TagsTests
{
    [Fact]
    public async Task Get_all_reads_the_flat_string_array()
    {
        await using var host = new ZaloTestHost();
        host.RespondData("/v2.0/oa/tag/gettagsofoa", """["vip","phường 1"]""");

        var tags = await host.Client.Tags.GetAllAsync(Ct);

        var request = host.Received("GET", "/v2.0/oa/tag/gettagsofoa");
        Assert.Empty(request.Query!);
        Assert.Equal(["vip", "phường 1"], tags);
    }

    [Fact]
    public async Task Tag_user_posts_user_and_tag()
    {
        await using var host = new ZaloTestHost();
        host.RespondBody("/v2.0/oa/tag/tagfollower", """{"error":0,"message":"Success"}""");

        await host.Client.Tags.TagUserAsync("2468458835296197922", "vip", Ct);

        host.ReceivedJson("/v2.0/oa/tag/tagfollower", """{"user_id":"2468458835296197922","tag_name":"vip"}""");
    }

    [Fact]
    public async Task Untag_user_posts_to_rmfollowerfromtag()
    {
        await using var host = new ZaloTestHost();
        host.RespondBody("/v2.0/oa/tag/rmfollowerfromtag", """{"error":0,"message":"Success"}""");

        await host.Client.Tags.UntagUserAsync("2468458835296197922", "vip", Ct);

        host.ReceivedJson("/v2.0/oa/tag/rmfollowerfromtag", """{"user_id":"2468458835296197922","tag_name":"vip"}""");
    }

    [Fact]
    public async Task Delete_posts_the_tag_name_to_rmtag()
    {
        await using var host = new ZaloTestHost();
        host.RespondBody("/v2.0/oa/tag/rmtag", """{"error":0,"message":"Success"}""");

        await host.Client.Tags.DeleteAsync("vip", Ct);

        host.ReceivedJson("/v2.0/oa/tag/rmtag", """{"tag_name":"vip"}""");
    }

    [Fact]
    public async Task Blank_tag_name_is_refused()
    {
        await using var host = new ZaloTestHost();

        var ex = await Assert.ThrowsAsync<ZaloValidationException>(() => host.Client.Tags.DeleteAsync(" ", Ct));

        Assert.Equal("tagName", ex.ParamName);
        host.ReceivedNothing();
    }
}
