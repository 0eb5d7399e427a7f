using StackExchange.Redis;

namespace ZaloOA.Sdk.Redis.Internal;

/// <summary>Which StackExchange.Redis failures mean "Redis cannot be reached".</summary>
internal static class RedisFailures
{
    public static bool IsUnavailable(Exception exception) =>
        exception is RedisConnectionException or RedisTimeoutException;
}
