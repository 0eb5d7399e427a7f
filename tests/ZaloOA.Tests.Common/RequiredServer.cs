namespace ZaloOA.Tests.Common;

/// <summary>
/// The addresses of the real servers some tests need, read from the environment that
/// <c>.ci/services.sh</c> sets up (<c>source .ci/services.sh &amp;&amp; start_services</c>). When a
/// server is missing the test is skipped with the reason on a developer's machine, and FAILS under
/// <c>CI=true</c>, where a skipped test would hide a missing server.
/// </summary>
public static class RequiredServer
{
    /// <summary>The variable holding the Redis address (<c>127.0.0.1:PORT</c>).</summary>
    public const string RedisVariable = "ZALOOA_REDIS";

    /// <summary>The variable holding the PostgreSQL connection string (Npgsql format).</summary>
    public const string PostgresVariable = "ZALOOA_POSTGRES";

    /// <summary>True when running under CI (<c>CI=true</c>).</summary>
    public static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>The Redis address (a StackExchange.Redis configuration string), or skips/fails.</summary>
    public static string Redis() => Require(RedisVariable, "Redis", "127.0.0.1:6379");

    /// <summary>The PostgreSQL connection string, or skips/fails.</summary>
    public static string Postgres() =>
        Require(PostgresVariable, "PostgreSQL", "Host=127.0.0.1;Port=5432;Username=postgres;Password=...;Database=zalooa_test");

    private static string Require(string variable, string server, string example)
    {
        var value = Environment.GetEnvironmentVariable(variable);
        if (!string.IsNullOrWhiteSpace(value))
        {
            return value;
        }

        var reason = $"{server} is not available: set {variable} (for example \"{example}\"), or run `source .ci/services.sh && start_services` in the shell that runs the tests.";
        if (IsCi)
        {
            Xunit.Assert.Fail(reason + " Under CI=true a missing server is a failure, not a skip.");
        }

        Xunit.Assert.Skip(reason);
        return string.Empty; // Not reached: Assert.Skip throws.
    }
}
