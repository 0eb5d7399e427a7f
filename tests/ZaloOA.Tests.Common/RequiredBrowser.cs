namespace ZaloOA.Tests.Common;

/// <summary>
/// The Chromium executable browser tests drive (Debian's <c>chromium</c>, which <c>.ci/run</c>
/// installs; Playwright's own browser downloads are never used). Like <see cref="RequiredServer"/>:
/// when it is missing the test is skipped with the reason on a developer's machine, and FAILS under
/// <c>CI=true</c>.
/// </summary>
public static class RequiredBrowser
{
    /// <summary>The variable that may name the executable; default <c>/usr/bin/chromium</c>.</summary>
    public const string ChromiumVariable = "ZALOOA_CHROMIUM";

    /// <summary>Where Debian's package puts it.</summary>
    public const string DefaultChromium = "/usr/bin/chromium";

    /// <summary>The path of an existing Chromium executable, or skips/fails.</summary>
    public static string Chromium()
    {
        var configured = Environment.GetEnvironmentVariable(ChromiumVariable);
        var path = string.IsNullOrWhiteSpace(configured) ? DefaultChromium : configured;
        if (File.Exists(path))
        {
            return path;
        }

        var reason = $"Chromium is not available at {path}: install Debian's browser (`sudo apt-get install -y chromium`) or set {ChromiumVariable} to a Chromium executable.";
        if (RequiredServer.IsCi)
        {
            Xunit.Assert.Fail(reason + " Under CI=true a missing browser is a failure, not a skip.");
        }

        Xunit.Assert.Skip(reason);
        return string.Empty; // Not reached: Assert.Skip throws.
    }
}
