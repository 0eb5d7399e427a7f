using ZaloOA.Tests.Common;

namespace ZaloOA.Sdk.AspNetCore.Tests;

/// <summary>The public API of ZaloOA.Sdk.AspNetCore is the listing in src/ZaloOA.Sdk.AspNetCore/PublicAPI.approved.txt.</summary>
public class PublicApiTests
{
    [Fact]
    public void The_public_api_is_the_approved_listing() => PublicApi.Verify(typeof(ZaloOA.Sdk.AspNetCore.Webhooks.ZaloWebhookReceiverOptions).Assembly, "ZaloOA.Sdk.AspNetCore.Tests");
}
