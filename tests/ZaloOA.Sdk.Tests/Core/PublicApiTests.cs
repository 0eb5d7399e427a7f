using ZaloOA.Tests.Common;

namespace ZaloOA.Sdk.Tests.Core;

/// <summary>The public API of ZaloOA.Sdk is the listing in src/ZaloOA.Sdk/PublicAPI.approved.txt.</summary>
public class PublicApiTests
{
    [Fact]
    public void The_public_api_is_the_approved_listing() => PublicApi.Verify(typeof(ZaloOAClient).Assembly, "ZaloOA.Sdk.Tests");
}
