using ZaloOA.Tests.Common;

namespace ZaloOA.Sdk.Redis.Tests;

/// <summary>The public API of ZaloOA.Sdk.Redis is the listing in src/ZaloOA.Sdk.Redis/PublicAPI.approved.txt.</summary>
public class PublicApiTests
{
    [Fact]
    public void The_public_api_is_the_approved_listing() => PublicApi.Verify(typeof(ZaloOA.Sdk.Redis.ZaloRedisOptions).Assembly, "ZaloOA.Sdk.Redis.Tests");
}
