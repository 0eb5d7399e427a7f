// Exercises the SDK's main entry points so the AOT compiler analyses them: DI registration,
// options validation, JSON source generation, PKCE and webhook verification. Exits 0 when
// everything behaves; the point of the project is that publishing it yields no warnings.
using Microsoft.Extensions.DependencyInjection;
using ZaloOA.Sdk;
using ZaloOA.Sdk.Authentication;

var services = new ServiceCollection();
services.AddZaloOA(o =>
{
    o.AppId = "1234567890123456789";
    o.SecretKey = "secret";
}).UseRedis("127.0.0.1:1", o => o.KeyPrefix = "aot:");
await using var provider = services.BuildServiceProvider();
var client = provider.GetRequiredService<IZaloOAClientFactory>().GetClient("388613280878808645");
// Resolving the Redis store and lock compiles their JSON context and scripts; no connection is
// made until first use.
var redisStore = (ZaloOA.Sdk.Redis.RedisZaloTokenStore)provider.GetRequiredService<IZaloTokenStore>();
_ = provider.GetRequiredService<IZaloTokenRefreshLock>();
var challenge = ZaloPkce.ComputeChallenge("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk");
if (challenge != "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM" || client.OaId != "388613280878808645"
    || redisStore.GetRecordKey("1") != "aot:tokens:1")
{
    Console.Error.WriteLine("AOT check failed: unexpected result.");
    return 1;
}

Console.WriteLine("AOT check passed.");
return 0;
