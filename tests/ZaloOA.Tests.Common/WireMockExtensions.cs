using System.Text.Json;
using WireMock.Logging;
using WireMock.Server;

namespace ZaloOA.Tests.Common;

/// <summary>Helpers to assert what the SDK sent.</summary>
public static class WireMockExtensions
{
    /// <summary>The requests received on <paramref name="path"/> (any method), oldest first.</summary>
    public static IReadOnlyList<ILogEntry> RequestsTo(this WireMockServer server, string path) =>
        [.. server.LogEntries.Where(e => e.RequestMessage.Path == path).OrderBy(e => e.RequestMessage.DateTime)];

    /// <summary>The single request received on <paramref name="path"/>; fails if there were 0 or several.</summary>
    public static WireMock.RequestMessage SingleRequestTo(this WireMockServer server, string path)
    {
        var entries = server.RequestsTo(path);
        Xunit.Assert.True(entries.Count == 1, $"Expected exactly one request to {path}, got {entries.Count}.");
        return (WireMock.RequestMessage)entries[0].RequestMessage;
    }

    /// <summary>
    /// Waits until <paramref name="path"/> has received <paramref name="count"/> requests (for work
    /// the code under test does in the background, such as webhook handlers) and returns them. The
    /// 30-second limit is a hang guard, not a timing assertion.
    /// </summary>
    public static async Task<IReadOnlyList<ILogEntry>> WaitForRequestsAsync(this WireMockServer server, string path, int count = 1, CancellationToken cancellationToken = default)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            var entries = server.RequestsTo(path);
            if (entries.Count >= count)
            {
                return entries;
            }

            Xunit.Assert.True(DateTime.UtcNow < deadline, $"Expected {count} request(s) to {path} within 30 s, got {entries.Count}.");
            await Task.Delay(20, cancellationToken);
        }
    }

    /// <summary>Asserts that two JSON texts are the same document (property order and whitespace ignored).</summary>
    public static void AssertJsonEqual(string expected, string? actual)
    {
        Xunit.Assert.NotNull(actual);
        using var e = JsonDocument.Parse(expected);
        using var a = JsonDocument.Parse(actual);
        Xunit.Assert.True(JsonElement.DeepEquals(e.RootElement, a.RootElement), $"JSON differs.\nExpected: {expected}\nActual:   {actual}");
    }

    /// <summary>The decoded <c>data</c> query parameter of a Zalo GET.</summary>
    public static string? DataParameter(this WireMock.RequestMessage request) =>
        request.Query is not null && request.Query.TryGetValue("data", out var values) ? values[0] : null;
}
