using ZaloOA.PoliceDesk.Load;
using ZaloOA.Tests.Common;

namespace ZaloOA.PoliceDesk.Tests;

/// <summary>
/// The reading half of the soak (<see cref="ReadLoad"/>, <c>benchmarks/desk-soak.sh</c>) against the
/// desk on Kestrel: officers sign in through the real form and load each page kind. Correctness
/// only, never timing.
/// </summary>
[Collection(nameof(LoadCollection))]
public sealed class ReadLoadTests
{
    [Fact]
    public async Task Signed_in_officers_load_the_inbox_a_search_a_case_page_and_the_statistics_all_answered_200()
    {
        using var state = new DeskState();
        await using var desk = new ScaleOutDeskFactory(
            new Dictionary<string, string?>
            {
                ["Storage:Provider"] = "Sqlite",
                ["Storage:ConnectionString"] = $"Data Source={Path.Combine(state.Root, "desk.db")}",
                ["Desk:MediaPath"] = Path.Combine(state.Root, "media"),
            },
            kestrel: true);
        var webhook = desk.Start();
        // One report, so the inbox lists a case and the case page read is a real one.
        using var http = new HttpClient();
        var sent = await WebhookLoad.RunAsync(
            http,
            new WebhookLoadOptions { Urls = [webhook], Rate = 10, Duration = TimeSpan.FromSeconds(0.1), AppId = ZaloTestHost.AppId, OaSecretKey = ZaloTestHost.OaSecretKey, OaId = ScaleOutDeskFactory.OaId },
            TestContext.Current.CancellationToken);
        Assert.Equal(new Dictionary<int, int> { [200] = 1 }, sent.StatusCounts);

        var result = await ReadLoad.RunAsync(
            new ReadLoadOptions
            {
                BaseUrls = [new Uri(webhook, "/")],
                UserNames = [ScaleOutDeskFactory.AdminUser],
                Password = ScaleOutDeskFactory.AdminPassword,
                Rate = 20,
                Duration = TimeSpan.FromMinutes(1),
                MaxPages = 8,
                Search = "thử tải",
            },
            TestContext.Current.CancellationToken);
        TestContext.Current.TestOutputHelper?.WriteLine(result.ToString());

        Assert.Equal(8, result.Pages);
        Assert.Equal(new Dictionary<int, int> { [200] = 8 }, result.StatusCounts);
        Assert.All(ReadLoad.Kinds, kind => Assert.Equal(2, result.LatenciesMs[kind].Count));
    }

    [Fact]
    public async Task An_officer_the_form_refuses_stops_the_run_before_any_page_is_read()
    {
        using var state = new DeskState();
        await using var desk = new ScaleOutDeskFactory(
            new Dictionary<string, string?>
            {
                ["Storage:Provider"] = "Sqlite",
                ["Storage:ConnectionString"] = $"Data Source={Path.Combine(state.Root, "desk.db")}",
                ["Desk:MediaPath"] = Path.Combine(state.Root, "media"),
            },
            kestrel: true);
        var baseUrl = new Uri(desk.Start(), "/");

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => ReadLoad.RunAsync(
            new ReadLoadOptions { BaseUrls = [baseUrl], UserNames = [ScaleOutDeskFactory.AdminUser], Password = "wrong-password" },
            TestContext.Current.CancellationToken));

        Assert.Equal($"{ScaleOutDeskFactory.AdminUser} could not sign in on {baseUrl} (HTTP 200).", error.Message);
    }
}
