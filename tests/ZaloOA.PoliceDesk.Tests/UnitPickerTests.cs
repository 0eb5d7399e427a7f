using System.Net;
using System.Text.RegularExpressions;
using ZaloOA.PoliceDesk.Data;

namespace ZaloOA.PoliceDesk.Tests;

/// <summary>
/// The unit picker on a national hierarchy (issue 18; <see cref="NationalHierarchy"/>, 3,357 units):
/// the national administrator's pages list a level at a time, not every unit; the children endpoint
/// answers within the signed-in person's scope only; the pages' servers still refuse a unit outside it.
/// </summary>
public sealed partial class UnitPickerTests : IDisposable
{
    private readonly DeskState _state = new();
    private readonly DeskFactory _desk;

    public UnitPickerTests() => _desk = new DeskFactory(_state);

    public void Dispose()
    {
        _desk.Dispose();
        _state.Dispose();
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [GeneratedRegex("<option[ >]")]
    private static partial Regex OptionTag();

    private static int Options(string html) => OptionTag().Count(html);

    private async Task<string> PageAsync(HttpClient client, string path)
    {
        var html = await client.GetStringAsync(path, Ct);
        TestContext.Current.TestOutputHelper?.WriteLine($"{path}: {html.Length:N0} characters, {Options(html)} options");
        return html;
    }

    [Fact]
    public async Task The_national_administrators_inbox_statistics_and_case_pages_render_fewer_than_100_options()
    {
        var c = await _desk.RecordAsync(_desk.Text("m-picker-1", "Mất xe đạp ở chợ"));
        await NationalHierarchy.ImportAsync(_desk.Services);
        var admin = await _desk.SignInAsync(TraVinhSeed.AdminUserName);

        var inbox = await PageAsync(admin, "/");
        var stats = await PageAsync(admin, "/Stats");
        var details = await PageAsync(admin, $"/Cases/{c.CaseId}");

        Assert.True(Options(inbox) < 100, $"inbox: {Options(inbox)} options");
        Assert.True(Options(stats) < 100, $"statistics: {Options(stats)} options");
        Assert.True(Options(details) < 100, $"case page: {Options(details)} options");
    }
}
