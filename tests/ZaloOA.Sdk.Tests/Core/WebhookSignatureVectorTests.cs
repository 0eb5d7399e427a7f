using ZaloOA.Sdk.Webhooks;

namespace ZaloOA.Sdk.Tests.Core;

public class WebhookSignatureVectorTests
{
    [Theory]
    [InlineData("""{"app_id":"1234567890123456789","sender":{"id":"2468458835296197922"},"user_id_by_app":"552177279717587730","recipient":{"id":"388613280878808645"},"event_name":"user_send_text","message":{"text":"Xin chào","msg_id":"96d3cdf3af150460909"},"timestamp":"1700000000000"}""", "1700000000000", "df2630674ecd142f45cfd9c30c4f4633b42836ec36c30293447f7a71d3bf2e61")]
    [InlineData("""{"oa_id":"388613280878808645","follower":{"id":"2468458835296197922"},"user_id_by_app":"552177279717587730","event_name":"follow","source":"oa_profile","app_id":"1234567890123456789","timestamp":"1700000000001"}""", "1700000000001", "5785099d88e551a217f10f00323b1fd1c123a5594c6746c143e2bb18f73b6d2b")]
    public void Compute_reproduces_the_reference_vectors(string body, string timestamp, string expected)
    {
        Assert.Equal(expected, ZaloWebhookSignature.Compute("1234567890123456789", body, timestamp, "ExampleOaSecretKey01"));
    }
}
