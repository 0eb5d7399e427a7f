using ZaloOA.Tests.Common;

namespace ZaloOA.Sdk.Testing.Tests;

/// <summary>The public API of ZaloOA.Sdk.Testing is the listing in src/ZaloOA.Sdk.Testing/PublicAPI.approved.txt.</summary>
public class PublicApiTests
{
    [Fact]
    public void The_public_api_is_the_approved_listing() => PublicApi.Verify(typeof(ZaloOA.Sdk.Testing.ZaloEmulator).Assembly, "ZaloOA.Sdk.Testing.Tests");
}
