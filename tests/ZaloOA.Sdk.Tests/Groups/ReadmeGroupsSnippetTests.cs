using ZaloOA.Sdk.Groups;
using ZaloOA.Tests.Common;
using static ZaloOA.Sdk.Tests.Messaging.ZaloWire;

#pragma warning disable ZALO003 // group chats (GMF) are experimental

namespace ZaloOA.Sdk.Tests.Groups;

/// <summary>The "Group chats (experimental)" snippet of docs/group-chats.md, compiled and run so it cannot rot. Keep the two in sync.</summary>
public class ReadmeGroupsSnippetTests
{
    private static async Task<bool> ReadmeSnippet(ZaloOAClient oa, string leaderUserId, string deputyUserId)
    {
        var disabled = false;

        // A free GMF asset creates a group with the OA and its first members (followers, at most 99).
        var asset = (await oa.Groups.GetQuotaAsync(ZaloGroupQuotaRequest.Gmf50)).First(a => a.IsAvailable);
        var created = await oa.Groups.CreateAsync(new ZaloCreateGroupRequest
        {
            Name = "Tổ an ninh ấp 3",
            AssetId = asset.AssetId!,
            MemberUserIds = [leaderUserId, deputyUserId],
        });
        string groupId = created.Group.GroupId!;            // keep it, and created.Group.GroupLink

        // Post into the group: free, not bound to the 7-day window, while the group is enabled
        try
        {
            await oa.Groups.SendTextAsync(groupId, "Cảnh báo: giả danh công an gọi điện yêu cầu chuyển tiền.");
        }
        catch (ZaloApiException ex) when (ex.ErrorCode == ZaloErrorCode.GroupDisabled)
        {
            // -237: the group's GMF asset expired; renew it with UpdateAssetAsync. (-403 OaNotInGroup: the OA left.)
            disabled = true;
        }

        return disabled;
    }

    [Fact]
    public async Task Readme_snippet_creates_a_group_on_a_free_asset_and_catches_a_disabled_group()
    {
        await using var host = new ZaloTestHost();
        host.RespondData("/v3.0/oa/quota/group", """[{"asset_id":"used1","status":"used"},{"asset_id":"free1","status":"available"}]""");
        host.RespondData("/v3.0/oa/group/creategroupwithoa", """{"group_id":"g1","group_link":"https://zalo.me/g/x"}""");
        host.RespondError("/v3.0/oa/group/message", -237, "The group is disabled");

        var disabled = await ReadmeSnippet(host.Client, "2468458835296197922", "186729651760683225");

        host.ReceivedJson("/v3.0/oa/group/creategroupwithoa", """{"group_name":"Tổ an ninh ấp 3","asset_id":"free1","member_user_ids":["2468458835296197922","186729651760683225"]}""");
        host.ReceivedJson("/v3.0/oa/group/message", """{"recipient":{"group_id":"g1"},"message":{"text":"Cảnh báo: giả danh công an gọi điện yêu cầu chuyển tiền."}}""");
        Assert.True(disabled);
    }
}
