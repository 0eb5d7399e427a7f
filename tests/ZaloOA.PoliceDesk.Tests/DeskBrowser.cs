using Microsoft.Playwright;
using ZaloOA.Tests.Common;

namespace ZaloOA.PoliceDesk.Tests;

/// <summary>
/// A <see cref="ChromiumPage"/> on a desk, signed in through the real login form, that collects
/// what the desk's Content-Security-Policy blocks (tests assert it blocks nothing).
/// </summary>
internal sealed class DeskBrowser : IAsyncDisposable
{
    private readonly ChromiumPage _chromium;
    private readonly List<string> _cspViolations = [];

    private DeskBrowser(ChromiumPage chromium)
    {
        _chromium = chromium;
        // Chromium reports every blocked inline script, handler, style or foreign resource on the console.
        chromium.Page.Console += (_, message) =>
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

    public IPage Page => _chromium.Page;

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

    public static async Task<DeskBrowser> OpenAsync(string chromium, Uri baseUrl, int width = 1280, int height = 900, bool phone = false)
    {
        // What the pages wait for comes from the desk's background workers (the outbox, media
        // downloads): on a loaded machine that takes longer than Playwright's 5 s default. The
        // limit only stops a hung test.
        Assertions.SetDefaultExpectTimeout(30_000);
        return new(await ChromiumPage.OpenAsync(chromium, baseUrl, width, height, phone));
    }

    /// <summary>Signs in through the login form and waits for the inbox.</summary>
    public async Task SignInAsync(string userName, string password = Data.TraVinhSeed.DemoPassword)
    {
        await Page.GotoAsync("/Account/Login");
        await Page.FillAsync("#userName", userName);
        await Page.FillAsync("#password", password);
        await Page.ClickAsync("button[type=submit]");
        try
        {
            // Committed is enough (later steps wait for what they need); a loaded CI machine can take
            // long to fire "load" for the inbox's scripts and styles.
            await Page.WaitForURLAsync(_chromium.BaseUrl.AbsoluteUri, new() { WaitUntil = WaitUntilState.Commit, Timeout = 60_000 });
        }
        catch (TimeoutException ex)
        {
            // Say where the browser ended up and what the page said, so a failure explains itself.
            var said = await Page.Locator(".flash, h1").AllInnerTextsAsync();
            throw new TimeoutException($"Signing in as {userName} did not reach the inbox: the browser is at {Page.Url} showing \"{string.Join(" | ", said)}\".", ex);
        }
    }

    /// <summary>A full-page PNG saved under the test output's <c>artifacts/</c> and attached to the result.</summary>
    public Task<byte[]> SaveScreenshotAsync(string fileName) => _chromium.SaveScreenshotAsync(fileName);

    /// <summary>A viewport-sized PNG for the desk README (kept small), saved under the test output's
    /// <c>artifacts/readme-*.png</c> and attached to the result.</summary>
    public static async Task SaveReadmeScreenshotAsync(IPage page, string fileName)
    {
        ArgumentNullException.ThrowIfNull(page);
        var png = await page.ScreenshotAsync(new() { FullPage = false });
        var artifacts = Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "artifacts"));
        await File.WriteAllBytesAsync(Path.Combine(artifacts.FullName, "readme-" + fileName), png, TestContext.Current.CancellationToken);
        TestContext.Current.AddAttachment("readme-" + fileName, png, "image/png");
    }

    public ValueTask DisposeAsync() => _chromium.DisposeAsync();
}
