using CsCheck;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using ZaloOA.Sdk.Groups;
using ZaloOA.Sdk.Messaging;

#pragma warning disable ZALO003 // the experimental group chat API is what these properties are about

namespace ZaloOA.Sdk.Tests.Properties;

public partial class RequestModelRoundTripTests
{
    private static readonly Gen<string> AssetOrGroupId = Gen.Long[1, long.MaxValue].Select(n => "g" + n.ToString("x", System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>Answers the group calls with what their readers need (the catch-all's data does not fit them).</summary>
    private void AnswerGroupCalls()
    {
        _host.Server.Given(Request.Create().WithPath("/v3.0/oa/quota/group")).AtPriority(1)
            .RespondWith(Response.Create().WithStatusCode(200).WithBody("""{"error":0,"message":"Success","data":[]}"""));
        _host.Server.Given(Request.Create().WithPath("/v3.0/oa/group/creategroupwithoa")).AtPriority(1)
            .RespondWith(Response.Create().WithStatusCode(200).WithBody("""{"error":0,"message":"Success","data":{"group_id":"f414c8f76fa586fbdfb4","status":"enabled"}}"""));
    }

    [Fact]
    public async Task Group_requests_carry_every_text_and_id_exactly()
    {
        AnswerGroupCalls();
        var quota = Gen.Select(Text(50), Text(50), Text(10), (product, quotaType, owner) => (Call: (Func<Task>)(() => _host.Client.Groups.GetQuotaAsync(
            new ZaloGroupQuotaRequest { ProductType = product, QuotaType = quotaType, QuotaOwner = owner }, TestContext.Current.CancellationToken)), Expected: Strings(product, quotaType, owner)));
        var create = Gen.Select(Text(100), Text(500).Null(), AssetOrGroupId, Id.Array[1, ZaloMessageLimits.MaxGroupInitialMembers].Select(ids => ids.Distinct().ToArray()), (name, description, asset, members) =>
            (Call: (Func<Task>)(() => _host.Client.Groups.CreateAsync(
                new ZaloCreateGroupRequest { Name = name, Description = description, AssetId = asset, MemberUserIds = members }, TestContext.Current.CancellationToken)),
             Expected: Strings([name, description, asset, .. members])));
        var update = Gen.Select(AssetOrGroupId, Text(100).Null(), Url.Null(), Text(500), (group, name, avatar, description) =>
            (Call: (Func<Task>)(() => _host.Client.Groups.UpdateAsync(
                new ZaloUpdateGroupRequest { GroupId = group, Name = name, AvatarUrl = avatar, Description = description }, TestContext.Current.CancellationToken)),
             Expected: Strings(group, name, avatar, description)));

        await SampleAsync(Gen.OneOf(quota, create, update), async t =>
        {
            await t.Call();
            AssertCarried(t.Expected);
        });
    }
}
