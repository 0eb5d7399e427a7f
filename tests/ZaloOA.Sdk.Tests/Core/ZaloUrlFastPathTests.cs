using CsCheck;
using ZaloOA.Sdk.Articles;

namespace ZaloOA.Sdk.Tests.Core;

/// <summary>
/// <see cref="ZaloUrl.IsCanonical"/> lets already-encoded URLs skip <see cref="ZaloUrl.Normalize"/>;
/// that is only safe if Normalize would have returned them unchanged.
/// </summary>
public sealed class ZaloUrlFastPathTests
{
    // Characters that URLs really contain, plus the ones that must be encoded.
    private static readonly Gen<string> Path = Gen.String[Gen.Char["abcAZ09-._~:/?#[]@!$&'()*+,;=% \"<>^`{|}đơưạ"], 0, 40];

    [Fact]
    public void A_canonical_url_is_exactly_what_normalize_returns()
    {
        Gen.Select(Gen.OneOfConst("http://", "https://", "HTTPS://", "ftp://"), Gen.OneOfConst("example.com", "dichvucong.gov.vn", "xn--bcher-kva.vn"), Path, (s, h, p) => s + h + p)
            .Sample(url =>
            {
                if (!ZaloUrl.IsCanonical(url))
                {
                    return;
                }

                string normalized;
                try
                {
                    normalized = ZaloUrl.Normalize(url, "url");
                }
                catch (ZaloValidationException)
                {
                    return; // invalid either way; the caller's Uri check refuses it first
                }

                Assert.Equal(normalized, url);
            }, iter: 20_000);
    }

    [Theory]
    [InlineData("https://example.com/a b", false)]
    [InlineData("https://example.com/tin-tức", false)]
    [InlineData("HTTPS://example.com/", false)]
    [InlineData("https://example.com/a%20b?x=1#top", true)]
    [InlineData("https://example.com/100%", false)]
    [InlineData("https://example.com/a%2", false)]
    [InlineData("https://example.com/%2G", false)]
    [InlineData("https://example.com/%%41", false)]
    [InlineData("https://example.com/%41%42", true)]
    [InlineData("https://example.com/a%4a", true)]
    [InlineData("https://example.com/%", false)]
    [InlineData("https://example.com/a\u00a0", false)]
    public void Is_canonical_only_for_urls_normalize_keeps(string url, bool expected) =>
        Assert.Equal(expected, ZaloUrl.IsCanonical(url));

    [Fact]
    public void Is_canonical_answers_as_the_character_by_character_rule()
    {
        // The rule before the vectorised scan: every character allowed raw in a URI, or a '%'
        // followed by two hex digits.
        static bool CharByChar(string url)
        {
            if (!url.StartsWith("https://", StringComparison.Ordinal) && !url.StartsWith("http://", StringComparison.Ordinal))
            {
                return false;
            }

            for (var i = 0; i < url.Length; i++)
            {
                var c = url[i];
                if (char.IsAsciiLetterOrDigit(c) || "-._~:/?#[]@!$&'()*+,;=".Contains(c, StringComparison.Ordinal))
                {
                    continue;
                }

                if (c == '%' && i + 2 < url.Length && char.IsAsciiHexDigit(url[i + 1]) && char.IsAsciiHexDigit(url[i + 2]))
                {
                    i += 2;
                    continue;
                }

                return false;
            }

            return true;
        }

        var tail = Gen.String[Gen.Char["aF09%%%/?#&= \"<>\u00e9\u1ea1\ud83d\ude00"], 0, 60];
        Gen.Select(Gen.OneOfConst("http://", "https://", "HTTP://"), Gen.OneOfConst("example.com", "cdn.example.gov.vn:8443"), tail, (s, h, t) => s + h + t)
            .Sample(url => Assert.Equal(CharByChar(url), ZaloUrl.IsCanonical(url)), iter: 20_000);
    }

    [Fact]
    public void A_url_taken_by_the_fast_path_is_one_uri_accepts_as_an_absolute_http_url()
    {
        var authority = Gen.String[Gen.Char["abcAZ09-.:@[]_"], 0, 24];
        Gen.Select(Gen.OneOfConst("http://", "https://"), authority, Path, (s, a, p) => s + a + p)
            .Sample(url =>
            {
                if (!ZaloUrl.IsCanonical(url) || !Internal.ZaloGuard.HasPlainHost(url))
                {
                    return;
                }

                Assert.True(Uri.TryCreate(url, UriKind.Absolute, out var uri), url);
                Assert.True(uri.Scheme is "http" or "https", url);
                Assert.False(string.IsNullOrEmpty(uri.Host), url);
            }, iter: 20_000);
    }

    [Theory]
    [InlineData("https://example.com/a", true)]
    [InlineData("https://cdn.example.gov.vn:8443/x.png", true)]
    [InlineData("https://user@example.com/", false)]
    [InlineData("https://[::1]/", false)]
    [InlineData("https:///path", false)]
    [InlineData("https://example.com:99999/", false)]
    [InlineData("https://-bad.example/", false)]
    [InlineData("http://9.-", false)]
    [InlineData("https://a..b/", false)]
    public void Plain_host_is_only_a_host_name_and_an_optional_port(string url, bool expected) =>
        Assert.Equal(expected, Internal.ZaloGuard.HasPlainHost(url));
}
