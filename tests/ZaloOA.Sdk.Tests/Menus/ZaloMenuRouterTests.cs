using Microsoft.Extensions.DependencyInjection;
using ZaloOA.Sdk.DependencyInjection;
using ZaloOA.Sdk.Menus;
using ZaloOA.Tests.Common;

namespace ZaloOA.Sdk.Tests.Menus;

public class ZaloMenuRouterTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static ZaloMenuQuery Text(string text) => new(ZaloTestHost.OaId, "2468458835296197922", text, "msg-1");

    private static (ZaloMenuRouter Router, List<string> Hits, ZaloTestHost Host) Create()
    {
        var host = new ZaloTestHost();
        var hits = new List<string>();
        var router = new ZaloMenuRouter(host.Services.GetRequiredService<IZaloOAClientFactory>());
        router.Map("#tintuc", (ctx, _) => { hits.Add(ctx.Route); return ValueTask.CompletedTask; })
            .Map("#thutuc", (ctx, _) => { hits.Add(ctx.Route); return ValueTask.CompletedTask; })
            .Map("#lienhe", (ctx, _) => { hits.Add(ctx.Route); return ValueTask.CompletedTask; })
            .MapKeywords(["menu", "xin chào"], (ctx, _) => { hits.Add("kw:" + ctx.Route); return ValueTask.CompletedTask; });
        return (router, hits, host);
    }

    [Theory]
    [InlineData("#tintuc")]
    [InlineData("#TinTuc")]
    [InlineData("  #tintuc \n")]
    [InlineData("# tin tức")]
    [InlineData("#TIN TỨC")]
    [InlineData("#tintuc!")]
    [InlineData("#tintuc ...")]
    [InlineData("#tintuc 😊")]
    public async Task Query_matches_ignoring_case_diacritics_whitespace_and_trailing_punctuation(string text)
    {
        var (router, hits, host) = Create();
        await using var _ = host;

        Assert.True(await router.TryRouteAsync(Text(text), Ct));

        Assert.Equal(["#tintuc"], hits);
    }

    [Fact]
    public async Task D_with_stroke_matches_plain_d()
    {
        var host = new ZaloTestHost();
        await using var _ = host;
        var router = new ZaloMenuRouter(host.Services.GetRequiredService<IZaloOAClientFactory>());
        string? route = null;
        router.Map("#đăngký", (ctx, _) => { route = ctx.Route; return ValueTask.CompletedTask; });

        Assert.True(await router.TryRouteAsync(Text("#DANG KY"), Ct));

        Assert.Equal("#đăngký", route);
    }

    [Fact]
    public async Task Decomposed_input_matches_like_precomposed()
    {
        var (router, hits, host) = Create();
        await using var _ = host;

        Assert.True(await router.TryRouteAsync(Text("Xin chào".Normalize(System.Text.NormalizationForm.FormD)), Ct));

        Assert.Equal(["kw:xin chào"], hits);
    }

    [Theory]
    [InlineData("#tintucmoi")]
    [InlineData("#tintuc!a")]
    [InlineData("!!!")]
    [InlineData("tintuc")]
    [InlineData("Tôi muốn hỏi về #tintuc")]
    [InlineData("")]
    [InlineData("   ")]
    public async Task Text_that_is_not_exactly_a_query_or_a_keyword_is_not_routed(string text)
    {
        var (router, hits, host) = Create();
        await using var _ = host;

        Assert.False(await router.TryRouteAsync(Text(text), Ct));

        Assert.Empty(hits);
    }

    [Theory]
    [InlineData("menu")]
    [InlineData("MENU")]
    [InlineData("Cho tôi xem menu!")]
    [InlineData("xin chao")]
    [InlineData("Xin   CHÀO OA")]
    [InlineData("xinchào")]
    public async Task Keyword_matches_as_words_inside_a_longer_text(string text)
    {
        var (router, hits, host) = Create();
        await using var _ = host;

        Assert.True(await router.TryRouteAsync(Text(text), Ct));

        Assert.Single(hits);
        Assert.StartsWith("kw:", hits[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Keyword_does_not_match_part_of_a_word()
    {
        var (router, hits, host) = Create();
        await using var _ = host;

        Assert.False(await router.TryRouteAsync(Text("menus"), Ct));
        Assert.Empty(hits);
    }

    [Fact]
    public async Task Query_wins_over_a_keyword_with_the_same_text()
    {
        var host = new ZaloTestHost();
        await using var _ = host;
        var router = new ZaloMenuRouter(host.Services.GetRequiredService<IZaloOAClientFactory>());
        var hit = "";
        router.MapKeyword("lien he", (_, _) => { hit = "keyword"; return ValueTask.CompletedTask; });
        router.Map("liên hệ", (_, _) => { hit = "query"; return ValueTask.CompletedTask; });

        await router.TryRouteAsync(Text("Liên Hệ"), Ct);

        Assert.Equal("query", hit);
    }

    [Fact]
    public async Task Handler_gets_the_oa_client_and_the_query()
    {
        var host = new ZaloTestHost();
        await using var _ = host;
        var router = new ZaloMenuRouter(host.Services.GetRequiredService<IZaloOAClientFactory>());
        ZaloMenuContext? seen = null;
        router.Map("#lienhe", (ctx, _) => { seen = ctx; return ValueTask.CompletedTask; });

        await router.TryRouteAsync(Text("#lienhe"), Ct);

        Assert.NotNull(seen);
        Assert.Equal(ZaloTestHost.OaId, seen.Client.OaId);
        Assert.Equal("2468458835296197922", seen.UserId);
        Assert.Equal("msg-1", seen.Query.MessageId);
        Assert.False(seen.IsKeyword);
    }

    [Fact]
    public async Task Handlers_returning_a_task_are_awaited_for_queries_and_keywords()
    {
        await using var host = new ZaloTestHost();
        var router = new ZaloMenuRouter(host.Services.GetRequiredService<IZaloOAClientFactory>());
        var hits = new List<string>();
        var gate = new TaskCompletionSource();
        router.Map("#tintuc", async (ctx, ct) =>
            {
                await gate.Task;
                hits.Add(ctx.Route);
            })
            .MapKeyword("xin chào", (ctx, _) => { hits.Add("kw:" + ctx.Route); return Task.CompletedTask; })
            .MapKeywords(["menu"], (ctx, _) => Task.Run(() => hits.Add("kws:" + ctx.Route), Ct));

        var routing = router.TryRouteAsync(Text("#tintuc"), Ct).AsTask();
        Assert.False(routing.IsCompleted);
        gate.SetResult();
        Assert.True(await routing);
        Assert.True(await router.TryRouteAsync(Text("Xin chào OA"), Ct));
        Assert.True(await router.TryRouteAsync(Text("menu"), Ct));

        Assert.Equal(["#tintuc", "kw:xin chào", "kws:menu"], hits);
    }

    [Fact]
    public async Task A_handler_can_return_a_client_call_directly()
    {
        await using var host = new ZaloTestHost();
        host.Server.Given(WireMock.RequestBuilders.Request.Create().WithPath("/v3.0/oa/message/cs").UsingPost())
            .RespondWith(WireMock.ResponseBuilders.Response.Create().WithBody("""{"error":0,"data":{"message_id":"m"}}"""));
        var router = new ZaloMenuRouter(host.Services.GetRequiredService<IZaloOAClientFactory>());
        router.Map("#lienhe", (ctx, ct) => ctx.Client.Messages.SendTextAsync(ctx.UserId, "Gọi 113", ct));

        Assert.True(await router.TryRouteAsync(Text("#lienhe"), Ct));

        using var body = System.Text.Json.JsonDocument.Parse(host.Server.SingleRequestTo("/v3.0/oa/message/cs").Body!);
        Assert.Equal("Gọi 113", body.RootElement.GetProperty("message").GetProperty("text").GetString());
    }

    [Fact]
    public void Mapping_the_same_query_twice_is_refused_even_with_other_spelling()
    {
        var (router, _, host) = Create();
        using var __ = host.Services;

        var ex = Assert.Throws<ZaloValidationException>(() => router.Map("#Tin Tức", (_, _) => ValueTask.CompletedTask));

        Assert.Equal("query", ex.ParamName);
    }

    [Fact]
    public void Blank_query_and_keyword_are_refused()
    {
        var (router, _, host) = Create();
        using var __ = host.Services;

        Assert.Equal("query", Assert.Throws<ZaloValidationException>(() => router.Map("  ", (_, _) => ValueTask.CompletedTask)).ParamName);
        Assert.Equal("keyword", Assert.Throws<ZaloValidationException>(() => router.MapKeyword("!!", (_, _) => ValueTask.CompletedTask)).ParamName);
        Assert.Equal("keyword", Assert.Throws<ZaloValidationException>(() => router.MapKeyword("MENU", (_, _) => ValueTask.CompletedTask)).ParamName);
    }

    [Fact]
    public void Normalise_removes_diacritics_case_and_extra_spaces()
    {
        Assert.Equal("thu tuc hanh chinh", ZaloMenuRouter.Normalize("  Thủ TỤC \t hành   chính "));
        Assert.Equal("dang ky", ZaloMenuRouter.Normalize("ĐĂNG KÝ"));
    }

    [Fact]
    public async Task Add_menu_router_registers_the_router_with_scoped_services_and_accumulates_routes()
    {
        await using var host = new ZaloTestHost(configureServices: services =>
        {
            services.AddScoped<ScopedMarker>();
            var builder = services.AddZaloOA(_ => { });
            builder.AddMenuRouter(r => r.Map("#tintuc", (ctx, _) =>
            {
                ctx.Services.GetRequiredService<ScopedMarker>().Hits++;
                ScopedMarker.LastClientOaId = ctx.Client.OaId;
                return ValueTask.CompletedTask;
            }));
            builder.AddMenuRouter(r => r.MapKeyword("menu", (_, _) => ValueTask.CompletedTask));
        });

        var router = host.Services.GetRequiredService<IZaloMenuRouter>();

        Assert.Same(host.Services.GetRequiredService<ZaloMenuRouter>(), router);
        Assert.True(await router.TryRouteAsync(Text("#Tin Tức"), Ct));
        Assert.True(await router.TryRouteAsync(Text("menu"), Ct));
        Assert.False(await router.TryRouteAsync(Text("#khac"), Ct));
        Assert.Equal(ZaloTestHost.OaId, ScopedMarker.LastClientOaId);
    }

    private sealed class ScopedMarker
    {
        public static string? LastClientOaId { get; set; }

        public int Hits { get; set; }
    }
}
