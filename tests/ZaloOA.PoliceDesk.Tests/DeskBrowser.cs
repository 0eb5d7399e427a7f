using Microsoft.Playwright;
using ZaloOA.Tests.Common;

namespace ZaloOA.PoliceDesk.Tests;

/// <summary>
/// Debian's Chromium driven by Playwright against a desk on a loopback port: never Playwright's own
/// browser downloads (<c>ZALOOA_CHROMIUM</c> names another executable; missing Chromium skips, or
/// fails under <c>CI=true</c>, through <see cref="RequiredBrowser"/>). One page per test, the
/// sign-in through the real form, and screenshots kept as test artifacts.
/// </summary>
internal sealed class DeskBrowser : IAsyncDisposable
{
    private readonly IPlaywright _playwright;
    private readonly IBrowser _browser;
    private readonly Uri _baseUrl;

    private readonly List<string> _cspViolations = [];

    private DeskBrowser(IPlaywright playwright, IBrowser browser, IPage page, Uri baseUrl)
    {
        _playwright = playwright;
        _browser = browser;
        Page = page;
        _baseUrl = baseUrl;
        // Chromium reports every blocked inline script, handler, style or foreign resource on the console.
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
            {
                lock (_cspViolations)
                {
                    _cspViolations.Add($"{message.Location}: {message.Text}");
                }
            }
        };
    }

    public IPage Page { get; }

    /// <summary>What the desk's Content-Security-Policy blocked in this browser so far; tests assert none.</summary>
    public IReadOnlyList<string> CspViolations
    {
        get
        {
            lock (_cspViolations)
            {
                return [.. _cspViolations];
            }
        }
    }

    /// <summary>Checks for Chromium first, so call it before starting anything expensive.</summary>
    public static string RequireChromium() => RequiredBrowser.Chromium();

    public static async Task<DeskBrowser> OpenAsync(string chromium, Uri baseUrl, int width = 1280, int height = 900)
    {
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = chromium,
            Headless = true,
            // Containers and CI run as root, where Chromium's sandbox cannot start.
            Args = ["--no-sandbox", "--disable-dev-shm-usage"],
        });
        var page = await browser.NewPageAsync(new() { BaseURL = baseUrl.AbsoluteUri, Locale = "vi-VN", ViewportSize = new() { Width = width, Height = height } });
        return new DeskBrowser(playwright, browser, page, baseUrl);
    }

    /// <summary>Signs in through the login form and waits for the inbox.</summary>
    public async Task SignInAsync(string userName, string password = Data.TraVinhSeed.DemoPassword)
    {
        await Page.GotoAsync("/Account/Login");
        await Page.FillAsync("#userName", userName);
        await Page.FillAsync("#password", password);
        await Page.ClickAsync("button[type=submit]");
        await Page.WaitForURLAsync(_baseUrl.AbsoluteUri);
    }

    /// <summary>A full-page PNG saved under the test output's <c>artifacts/</c> and attached to the result.</summary>
    public async Task<byte[]> SaveScreenshotAsync(string fileName)
    {
        var screenshot = await Page.ScreenshotAsync(new() { FullPage = true });
        var artifacts = Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "artifacts"));
        await File.WriteAllBytesAsync(Path.Combine(artifacts.FullName, fileName), screenshot, TestContext.Current.CancellationToken);
        TestContext.Current.AddAttachment(fileName, screenshot, "image/png");
        return screenshot;
    }

    public async ValueTask DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
    }
}
