using Microsoft.Playwright;

namespace ZaloOA.Tests.Common;

/// <summary>
/// Debian's Chromium driven by Playwright against an app on a loopback port: never Playwright's own
/// browser downloads (<c>ZALOOA_CHROMIUM</c> names another executable; missing Chromium skips, or
/// fails under <c>CI=true</c>, through <see cref="RequiredBrowser"/>). One page per test, and
/// screenshots kept as test artifacts.
/// </summary>
public sealed class ChromiumPage : IAsyncDisposable
{
    private readonly IPlaywright _playwright;
    private readonly IBrowser _browser;

    private ChromiumPage(IPlaywright playwright, IBrowser browser, IPage page, Uri baseUrl)
    {
        _playwright = playwright;
        _browser = browser;
        Page = page;
        BaseUrl = baseUrl;
    }

    /// <summary>The page (its <c>BaseURL</c> is the app's address).</summary>
    public IPage Page { get; }

    /// <summary>The app's address.</summary>
    public Uri BaseUrl { get; }

    /// <summary>Opens Chromium (checked with <see cref="RequiredBrowser.Chromium"/>, which call first,
    /// before starting anything expensive) with one page of the given size.</summary>
    public static async Task<ChromiumPage> OpenAsync(string chromium, Uri baseUrl, int width = 1280, int height = 900, bool isMobile = false)
    {
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = chromium,
            Headless = true,
            // Containers and CI run as root, where Chromium's sandbox cannot start.
            Args = ["--no-sandbox", "--disable-dev-shm-usage"],
        });
        var page = await browser.NewPageAsync(new()
        {
            BaseURL = baseUrl.AbsoluteUri,
            Locale = "vi-VN",
            ViewportSize = new() { Width = width, Height = height },
            IsMobile = isMobile,
            HasTouch = isMobile,
        });
        return new ChromiumPage(playwright, browser, page, baseUrl);
    }

    /// <summary>A full-page PNG saved under the test output's <c>artifacts/</c> and attached to the result.</summary>
    public Task<byte[]> SaveScreenshotAsync(string fileName) => SaveScreenshotAsync(Page, fileName);

    /// <summary>A full-page PNG of another page (a popup) saved like <see cref="SaveScreenshotAsync(string)"/>.</summary>
    public static async Task<byte[]> SaveScreenshotAsync(IPage page, string fileName)
    {
        ArgumentNullException.ThrowIfNull(page);
        var screenshot = await page.ScreenshotAsync(new() { FullPage = true });
        var artifacts = Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "artifacts"));
        await File.WriteAllBytesAsync(Path.Combine(artifacts.FullName, fileName), screenshot, Xunit.TestContext.Current.CancellationToken);
        Xunit.TestContext.Current.AddAttachment(fileName, screenshot, "image/png");
        return screenshot;
    }

    /// <summary>Closes the browser.</summary>
    public async ValueTask DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
    }
}
