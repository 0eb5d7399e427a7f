using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace ZaloOA.PoliceDesk.Tests;

/// <summary>The unit picker in Chromium on a 390 px phone, on a national hierarchy (<see cref="NationalHierarchy"/>).</summary>
public sealed class UnitPickerBrowserTests : IAsyncDisposable
{
    private readonly DeskState _state = new();
    private EmulatorDeskFactory? _desk;

    public async ValueTask DisposeAsync()
    {
        if (_desk is not null)
        {
            await _desk.DisposeAsync();
        }

        _state.Dispose();
    }

    [Fact]
    public async Task The_national_administrator_chooses_a_province_then_a_commune_on_the_inbox_filter_at_390_px()
    {
        var chromium = DeskBrowser.RequireChromium();
        _desk = new EmulatorDeskFactory(_state, kestrel: true);
        var baseUrl = _desk.Start();
        await NationalHierarchy.ImportAsync(_desk.Services);
        var province = (await _desk.UnitIdAsync(NationalHierarchy.ProvinceCode(5))).ToString(CultureInfo.InvariantCulture);
        var commune = (await _desk.UnitIdAsync(NationalHierarchy.CommuneCode(5, 37))).ToString(CultureInfo.InvariantCulture);

        await using var browser = await DeskBrowser.OpenAsync(chromium, baseUrl, 390, 844, phone: true);
        var page = browser.Page;
        await browser.SignInAsync(Data.TraVinhSeed.AdminUserName);

        // The script replaced the server's select (kept, hidden, as the posted field) by the first level.
        var provinces = page.Locator("#unitId-level");
        await Assertions.Expect(provinces).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#unitId")).ToBeHiddenAsync();
        await provinces.SelectOptionAsync(province);

        var communes = page.Locator($"select[aria-label='Đơn vị thuộc {NationalHierarchy.ProvinceName(5)}']");
        await Assertions.Expect(communes).ToBeVisibleAsync();
        await Assertions.Expect(communes.Locator("option")).ToHaveCountAsync(1 + NationalHierarchy.CommunesEach);
        await communes.SelectOptionAsync(commune);
        await Assertions.Expect(page.Locator("#unitId")).ToHaveValueAsync(commune);

        await page.Locator("form.filters button[type=submit]").ClickAsync();
        await page.WaitForURLAsync(new Regex($"unitId={commune}"));

        // The filtered page opens the picker again at the commune.
        await Assertions.Expect(page.Locator("#unitId-level")).ToHaveValueAsync(province);
        await Assertions.Expect(communes).ToHaveValueAsync(commune);
        var size = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]");
        Assert.True(size[0] <= size[1], $"the inbox is {size[0]} px wide in a {size[1]} px window");
        await browser.SaveScreenshotAsync("policedesk-unit-picker-390.png");
        Assert.Empty(browser.CspViolations);
    }
}
