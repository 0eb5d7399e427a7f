using Microsoft.Extensions.DependencyInjection;
using ZaloOA.Sdk.Authentication;
using ZaloOA.Tests.Common;

namespace ZaloOA.Sdk.Tests.Authentication;

public sealed class FileTokenStoreTests : IDisposable
{
    private const string OaId = "388613280878808645";
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "zalooa-tests-" + Guid.NewGuid().ToString("N"));

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private string FilePath => Path.Combine(_dir, "nested", "tokens.json");

    private static ZaloTokenSet Set(long version, string suffix = "") => new()
    {
        AccessToken = "access" + suffix,
        RefreshToken = "refresh" + suffix,
        AccessTokenExpiresAt = new DateTimeOffset(2026, 11, 30, 9, 0, 0, TimeSpan.FromHours(7)),
        IssuedAt = new DateTimeOffset(2026, 11, 29, 8, 0, 0, TimeSpan.FromHours(7)),
        Version = version,
    };

    public void Dispose()
    {
        if (Directory.Exists(_dir))
        {
            Directory.Delete(_dir, recursive: true);
        }
    }

    [Fact]
    public async Task Saved_tokens_are_read_back_by_a_new_instance()
    {
        using (var store = new FileZaloTokenStore(FilePath))
        {
            Assert.True(await store.TrySaveAsync(OaId, Set(1), expectedVersion: 0, Ct));
        }

        using var reopened = new FileZaloTokenStore(FilePath);
        var read = await reopened.GetAsync(OaId, Ct);

        Assert.NotNull(read);
        Assert.Equal("access", read.AccessToken);
        Assert.Equal("refresh", read.RefreshToken);
        Assert.Equal(Set(1).AccessTokenExpiresAt, read.AccessTokenExpiresAt);
        Assert.Equal(Set(1).IssuedAt, read.IssuedAt);
        Assert.Equal(1, read.Version);
        Assert.False(read.ReauthorizationRequired);
        Assert.Equal([OaId], await reopened.ListOaIdsAsync(Ct));
    }

    [Fact]
    public async Task Missing_file_reads_as_no_tokens()
    {
        using var store = new FileZaloTokenStore(FilePath);

        Assert.Null(await store.GetAsync(OaId, Ct));
        Assert.Empty(await store.ListOaIdsAsync(Ct));
    }

    [Fact]
    public async Task Stale_expected_version_is_refused_and_leaves_the_file_unchanged()
    {
        using var store = new FileZaloTokenStore(FilePath);
        await store.TrySaveAsync(OaId, Set(1), 0, Ct);
        await store.TrySaveAsync(OaId, Set(2, "-2"), 1, Ct);
        var before = await File.ReadAllBytesAsync(FilePath, Ct);

        var saved = await store.TrySaveAsync(OaId, Set(2, "-late"), expectedVersion: 1, Ct);

        Assert.False(saved);
        Assert.Equal(before, await File.ReadAllBytesAsync(FilePath, Ct));
        Assert.Equal("access-2", (await new FileZaloTokenStore(FilePath).GetAsync(OaId, Ct))!.AccessToken);
    }

    [Fact]
    public async Task Record_is_created_only_by_a_writer_expecting_nothing_or_anything()
    {
        using var store = new FileZaloTokenStore(FilePath);

        Assert.False(await store.TrySaveAsync(OaId, Set(4), expectedVersion: 3, Ct));
        Assert.False(File.Exists(FilePath));
        Assert.True(await store.TrySaveAsync(OaId, Set(1), expectedVersion: null, Ct));
    }

    [Fact]
    public async Task Writes_replace_the_file_atomically_and_leave_no_temporary_files()
    {
        using var store = new FileZaloTokenStore(FilePath);
        for (var v = 1; v <= 5; v++)
        {
            Assert.True(await store.TrySaveAsync(OaId, Set(v, "-" + v), v - 1, Ct));
        }

        await store.TrySaveAsync("1423847451268726170", Set(1, "-other"), 0, Ct);
        await store.RemoveAsync("1423847451268726170", Ct);

        Assert.Equal(["tokens.json"], Directory.GetFiles(Path.GetDirectoryName(FilePath)!).Select(Path.GetFileName));
        var reopened = await new FileZaloTokenStore(FilePath).GetAsync(OaId, Ct);
        Assert.Equal("access-5", reopened!.AccessToken);
        Assert.Equal(5, reopened.Version);
    }

    [Fact]
    public async Task Corrupted_file_is_an_error_naming_the_file_and_is_never_emptied()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(FilePath)!);
        const string garbage = """{"388613280878808645":{"AccessToken":"acc""";
        await File.WriteAllTextAsync(FilePath, garbage, Ct);
        using var store = new FileZaloTokenStore(FilePath);

        var read = await Assert.ThrowsAsync<InvalidDataException>(() => store.GetAsync(OaId, Ct).AsTask());
        var write = await Assert.ThrowsAsync<InvalidDataException>(() => store.TrySaveAsync(OaId, Set(1), null, Ct).AsTask());

        Assert.Contains(FilePath, read.Message, StringComparison.Ordinal);
        Assert.Contains("not valid JSON", read.Message, StringComparison.Ordinal);
        Assert.Contains(FilePath, write.Message, StringComparison.Ordinal);
        Assert.Equal(garbage, await File.ReadAllTextAsync(FilePath, Ct));
    }

    [Fact]
    public async Task Token_file_is_readable_by_its_owner_only()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux() || OperatingSystem.IsMacOS(), "Unix file modes only.");
        using var store = new FileZaloTokenStore(FilePath);

        await store.TrySaveAsync(OaId, Set(1), 0, Ct);

        if (OperatingSystem.IsLinux() || OperatingSystem.IsMacOS())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(FilePath));
        }
    }

    [Fact]
    public async Task Token_manager_over_the_file_store_survives_a_restart()
    {
        await using (var host = new ZaloTestHost(configureServices: s => s.AddSingletonFileStore(FilePath), seedToken: false))
        {
            await host.Tokens.SaveAuthorizationAsync(OaId, new ZaloTokenResponse { AccessToken = "a1", RefreshToken = "r1", ExpiresInSeconds = 90000 }, Ct);
        }

        await using var restarted = new ZaloTestHost(configureServices: s => s.AddSingletonFileStore(FilePath), seedToken: false);

        Assert.Equal("a1", await restarted.Tokens.GetAccessTokenAsync(OaId, Ct));
        Assert.Empty(restarted.Server.LogEntries);
    }
}

internal static class FileStoreRegistration
{
    public static void AddSingletonFileStore(this IServiceCollection services, string path) =>
        services.AddSingleton<IZaloTokenStore>(_ => new FileZaloTokenStore(path));
}
