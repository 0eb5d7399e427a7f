using System.Reflection;
using System.Text;
using System.Text.Json;
using CsCheck;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using ZaloOA.Sdk.Articles;
using ZaloOA.Sdk.Authentication;
using ZaloOA.Sdk.Broadcast;
using ZaloOA.Sdk.Groups;
using ZaloOA.Sdk.Menus;
using ZaloOA.Sdk.Messaging;
using ZaloOA.Sdk.TemplateMessages;
using ZaloOA.Sdk.Users;
using ZaloOA.Tests.Common;

#pragma warning disable ZALO003 // the experimental group requests are request models too

namespace ZaloOA.Sdk.Tests.Properties;

/// <summary>
/// Round trips of every public request model: a generated value is sent through the real client,
/// the wire JSON WireMock received is parsed back, and every text and id the caller set must come
/// out exactly (after the NFC normalisation the SDK documents), whatever it contains: Vietnamese
/// in either normal form, emoji, quotes, backslashes, control and line-separator characters.
/// The request models are written by hand-made writers (their JSON shape varies with the content)
/// and have no reader, so "parse back" means reading the wire JSON, not deserialising the model.
/// A reflection guard makes sure no request model is left without a property.
/// </summary>
public partial class RequestModelRoundTripTests : IAsyncLifetime
{
    private const string AnyData = """{"error":0,"message":"Success","data":{"message_id":"m","msg_id":"m","token":"t","total":0,"count":0,"offset":0,"users":[]}}""";
    private const int Iterations = 60;

    private static readonly string[] Pieces =
    [
        "a", "Z", "7", " ", "Xin chào", "Công an phường", "Nguyễn", "e\u0301", "a\u0300", "Ơ", "đ", "\"", "\\", "/", "<b>", "&amp;",
        "'", "\n", "\t", "\u0001", "\u2028", "\u00a0", "😀", "👮‍♂️", "#tintuc", "{\"x\":1}", "%20", "+", "?", "=",
    ];

    private static readonly Type[] Covered =
    [
        typeof(ZaloSendMessageRequest), typeof(ZaloTextMessage), typeof(ZaloImageMessage), typeof(ZaloGifMessage),
        typeof(ZaloStickerMessage), typeof(ZaloFileMessage), typeof(ZaloRequestUserInfoMessage), typeof(ZaloButtonsMessage),
        typeof(ZaloListMessage), typeof(ZaloTransactionMessage), typeof(ZaloPromotionMessage), typeof(ZaloTemplateMessageRequest),
        typeof(BroadcastRequest), typeof(BroadcastTarget), typeof(ZaloUserListRequest), typeof(NormalArticle), typeof(VideoArticle),
        typeof(ZaloAuthorizationRequest), typeof(ZaloGroupQuotaRequest), typeof(ZaloCreateGroupRequest), typeof(ZaloUpdateGroupRequest),
    ];

    private readonly ZaloTestHost _host = new(o => o.MaxReadRetries = 0);

    public ValueTask InitializeAsync()
    {
        _host.Server.Given(Request.Create().WithPath("/*")).RespondWith(Response.Create().WithStatusCode(200).WithBody(AnyData));
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync() => _host.DisposeAsync();

    /// <summary>Printable text of 1 to <paramref name="max"/> UTF-16 units that is never blank.</summary>
    private static Gen<string> Text(int max) =>
        Gen.OneOfConst(Pieces).Array[0, 12].Select(parts =>
        {
            var s = "x" + string.Concat(parts);
            return s.Length <= max ? s : s[..max].TrimEnd('\ud83d', '\u200d');
        }).Where(s => !char.IsHighSurrogate(s[^1]));

    private static readonly Gen<string> Id = Gen.Long[1, long.MaxValue].Select(n => n.ToString(System.Globalization.CultureInfo.InvariantCulture));

    private static readonly Gen<string> Url = Gen.Long[1, long.MaxValue].Select(n => $"https://congan.example.vn/a/{n}.jpg");

    private static string Nfc(string s) => s.Normalize(NormalizationForm.FormC);

    [Fact]
    public void Every_public_request_model_has_a_round_trip_property()
    {
        var assembly = typeof(ZaloOAClient).Assembly;
        var models = assembly.GetExportedTypes()
            .Where(t => t.IsClass && !t.IsAbstract && !typeof(Exception).IsAssignableFrom(t))
            .Where(t => t.Name.EndsWith("Request", StringComparison.Ordinal)
                || typeof(ZaloMessage).IsAssignableFrom(t)
                || typeof(ZaloRichTemplateMessage).IsAssignableFrom(t)
                || typeof(ZaloArticle).IsAssignableFrom(t)
                || t == typeof(BroadcastTarget))
            .ToHashSet();

        Assert.Empty(models.Except(Covered).Select(t => t.FullName));
        Assert.Empty(Covered.Except(models).Select(t => t.FullName));
    }

    [Fact]
    public async Task Consultation_messages_carry_every_text_and_id_exactly()
    {
        var gen = Gen.OneOf(
            Gen.Select(Text(ZaloMessageLimits.MaxTextLength), Id.Null(), (t, q) => (Message: (ZaloMessage)new ZaloTextMessage(t) { QuoteMessageId = q }, Expected: Strings(t, q))),
            Gen.Select(Url, Text(200).Null(), (u, c) => ((ZaloMessage)ZaloImageMessage.FromUrl(u, c), Strings(u, c))),
            Gen.Select(Id, Text(200).Null(), (a, c) => ((ZaloMessage)ZaloImageMessage.FromAttachment(a, c), Strings(a, c))),
            Gen.Select(Id, Gen.Int[1, 2000], Gen.Int[1, 2000], Text(200).Null(), (a, w, h, c) => ((ZaloMessage)new ZaloGifMessage(a, w, h) { Caption = c }, Strings(a, c))),
            Id.Select(s => ((ZaloMessage)new ZaloStickerMessage(s), Strings(s))),
            Id.Select(s => ((ZaloMessage)new ZaloFileMessage("tok" + s), Strings("tok" + s))),
            Gen.Select(Text(ZaloMessageLimits.MaxRequestUserInfoTitleLength), Text(ZaloMessageLimits.MaxRequestUserInfoSubtitleLength), Url, (t, s, u) => ((ZaloMessage)new ZaloRequestUserInfoMessage(t, s, u), Strings(t, s, u))),
            Gen.Select(Text(500), Button().Array[1, 4], (t, b) => ((ZaloMessage)new ZaloButtonsMessage(t, [.. b.Select(x => x.Button)]), Strings([t, .. b.SelectMany(x => x.Expected)]))),
            Gen.Select(Text(100), Text(500), Url, Button().Array[0, 4], (t, s, u, b) => ((ZaloMessage)new ZaloListMessage([new ZaloListElement(t, s, u)], b.Length == 0 ? null : [.. b.Select(x => x.Button)]), Strings([t, s, u, .. b.SelectMany(x => x.Expected)]))));

        await SampleAsync(Gen.Select(Id, gen, (user, m) => (user, Message: m.Item1, Expected: m.Item2)), async t =>
        {
            await _host.Client.Messages.SendAsync(new ZaloSendMessageRequest { Recipient = ZaloRecipient.User(t.user), Message = t.Message }, TestContext.Current.CancellationToken);
            AssertCarried([t.user, .. t.Expected]);
        });
    }

    [Fact]
    public async Task Transaction_and_promotion_messages_carry_every_text_exactly()
    {
        var elements = Gen.Select(Text(100), Text(1000), Gen.Select(Text(25), Text(100), (k, v) => (k, v)).Array[1, 5], (header, text, rows) =>
            (Elements: (IReadOnlyList<ZaloTemplateElement>)[ZaloTemplateElement.BannerFromUrl("https://congan.example.vn/b.jpg"), ZaloTemplateElement.Header(header), ZaloTemplateElement.Text(text), ZaloTemplateElement.Table([.. rows.Select(r => new ZaloTableRow(r.k, r.v))])],
             Expected: Strings([header, text, .. rows.SelectMany(r => new[] { r.k, r.v })])));
        var buttons = Gen.Select(Text(ZaloMessageLimits.MaxTemplateButtonTitleLength), Text(200), (title, q) => (Button: new ZaloButton(title, ZaloAction.QueryHide(q)), Expected: Strings(title, q))).Array[0, ZaloMessageLimits.MaxTemplateButtons];

        await SampleAsync(Gen.Select(Id, elements, buttons, Gen.Bool, (user, e, b, promotion) => (user, e, b, promotion)), async t =>
        {
            var ct = TestContext.Current.CancellationToken;
            if (t.promotion)
            {
                await _host.Client.Messages.SendPromotionAsync(t.user, new ZaloPromotionMessage { Elements = t.e.Elements, Buttons = [.. t.b.Select(x => x.Button)] }, ct);
            }
            else
            {
                await _host.Client.Messages.SendTransactionAsync(t.user, new ZaloTransactionMessage { TemplateType = ZaloTransactionTemplateType.Order, Elements = t.e.Elements, Buttons = [.. t.b.Select(x => x.Button)] }, ct);
            }

            AssertCarried([t.user, .. t.e.Expected, .. t.b.SelectMany(x => x.Expected)]);
        });
    }

    [Fact]
    public async Task Template_message_request_carries_its_id_data_and_tracking_id_exactly()
    {
        var data = Gen.Dictionary(Gen.String.AlphaNumeric.Where(k => k.Length is > 0 and <= 30), Text(200))[1, 6];
        await SampleAsync(Gen.Select(Id, data, Gen.String.AlphaNumeric.Select(s => "t" + s[..Math.Min(s.Length, 40)]).Null(), (template, d, tracking) => (template, d, tracking)), async t =>
        {
            await _host.Client.TemplateMessages.SendAsync(new ZaloTemplateMessageRequest { Phone = "0912345678", TemplateId = t.template, TemplateData = t.d, TrackingId = t.tracking }, TestContext.Current.CancellationToken);
            var json = LastJson();
            AssertCarried(json, Strings([t.template, t.tracking, .. t.d.Keys, .. t.d.Values]));
            Assert.Equal("84912345678", json.RootElement.GetProperty("phone").GetString());
            foreach (var (key, value) in t.d)
            {
                Assert.Equal(value, json.RootElement.GetProperty("template_data").GetProperty(key).GetString());
            }
        });
    }

    [Fact]
    public async Task Broadcast_request_carries_every_article_id_for_any_target()
    {
        var target = Gen.Select(
            Gen.Enum<BroadcastGender>(),
            Gen.Enum<BroadcastAgeGroup>().Array[0, 3],
            Gen.Enum<BroadcastCity>().Array[0, 3],
            Gen.Enum<BroadcastPlatform>().Array[0, 3],
            (g, a, c, p) => new BroadcastTarget { Gender = g, Ages = a.Distinct().ToArray(), Cities = c.Distinct().ToArray(), Platforms = p.Distinct().ToArray() });
        await SampleAsync(Gen.Select(Id.Select(s => "art" + s).Array[1, 5], target, (ids, tg) => (ids, tg)), async t =>
        {
            await _host.Client.Broadcast.SendArticlesAsync(new BroadcastRequest { ArticleIds = t.ids, Target = t.tg }, TestContext.Current.CancellationToken);
            AssertCarried(Strings(t.ids));
        });
    }

    [Fact]
    public async Task User_list_request_carries_its_filter_and_page_exactly()
    {
        var period = Gen.OneOfConst(ZaloInteractionPeriod.Today, ZaloInteractionPeriod.Yesterday, ZaloInteractionPeriod.Last7Days, ZaloInteractionPeriod.Last30Days).Null();
        await SampleAsync(Gen.Select(Text(100).Null(), period, Gen.Int[0, 100_000], Gen.Int[1, ZaloUserListRequest.MaxCount], Gen.Int[0, 2].Select(i => i == 2 ? (bool?)null : i == 1), (tag, p, offset, count, follower) => (tag, p, offset, count, follower)), async t =>
        {
            await _host.Client.Users.ListAsync(new ZaloUserListRequest { TagName = t.tag, LastInteractionPeriod = t.p, Offset = t.offset, Count = t.count, IsFollower = t.follower }, TestContext.Current.CancellationToken);
            var json = LastJson();
            AssertCarried(json, Strings(t.tag, t.p));
            Assert.Equal(t.offset, json.RootElement.GetProperty("offset").GetInt32());
            Assert.Equal(t.count, json.RootElement.GetProperty("count").GetInt32());
        });
    }

    [Fact]
    public async Task Articles_carry_every_text_exactly()
    {
        var normal = Gen.Select(Text(ArticleLimits.MaxTitleLength), Text(ArticleLimits.MaxAuthorLength), Text(ArticleLimits.MaxDescriptionLength), Text(2000).Array[1, 4], Url, (title, author, description, paragraphs, cover) =>
            ((ZaloArticle)new NormalArticle { Title = title, Author = author, Description = description, Cover = ArticleCover.Photo(cover), Body = [.. paragraphs.Select(ArticleBlock.Text)] },
             Strings([title, author, description, cover, .. paragraphs])));
        var video = Gen.Select(Text(ArticleLimits.MaxTitleLength), Text(ArticleLimits.MaxDescriptionLength), Id, Url, (title, description, id, avatar) =>
            ((ZaloArticle)new VideoArticle { Title = title, Description = description, VideoId = "v" + id, Avatar = avatar }, Strings(title, description, "v" + id, avatar)));

        await SampleAsync(Gen.OneOf(normal, video), async t =>
        {
            await _host.Client.Articles.CreateAsync(t.Item1, TestContext.Current.CancellationToken);
            AssertCarried(t.Item2);
        });
    }

    [Fact]
    public async Task Menu_buttons_carry_every_title_and_query_exactly_up_to_the_limits()
    {
        var item = Gen.Select(Text(ZaloMessageLimits.MaxButtonTitleLength), Text(ZaloMessageLimits.MaxQueryLength), (title, q) => (Item: new ZaloButton(title, ZaloAction.QueryHide(q)), Expected: Strings(title, q)));
        await SampleAsync(Gen.Select(Id, Text(500), item.Array[1, ZaloMessageLimits.MaxButtons], (user, text, items) => (user, text, items)), async t =>
        {
            await _host.Client.Messages.SendButtonsAsync(t.user, t.text, [.. t.items.Select(i => i.Item)], TestContext.Current.CancellationToken);
            AssertCarried([t.user, t.text, .. t.items.SelectMany(i => i.Expected)]);
        });
    }

    [Fact]
    public void Authorization_request_carries_the_state_and_redirect_uri_exactly()
    {
        Gen.Select(Text(100), Gen.Long[1, long.MaxValue], (state, n) => (state, redirect: new Uri($"https://desk.example.vn/zalo/callback/{n}?unit=a%20b"))).Sample(t =>
        {
            var request = _host.OAuth.CreateAuthorizationRequest(t.redirect, t.state);
            var query = System.Web.HttpUtility.ParseQueryString(request.Url.Query);

            Assert.Equal(t.state, request.State);
            Assert.Equal(t.state, query["state"]);
            Assert.Equal(t.redirect.AbsoluteUri, query["redirect_uri"]);
            Assert.Equal(ZaloTestHost.AppId, query["app_id"]);
        }, iter: Iterations);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public async Task Text_that_is_not_valid_unicode_is_refused_before_sending(int which)
    {
        // Built here: attribute strings cannot hold a lone surrogate (metadata stores UTF-8).
        var text = which switch
        {
            0 => "a\ud800b",
            1 => "\udc00",
            _ => "Xin chào 👮"[..^1],
        };
        var ex = await Assert.ThrowsAsync<ZaloValidationException>(() => _host.Client.Messages.SendTextAsync("2468458835296197922", text, TestContext.Current.CancellationToken));

        Assert.Equal("message.text", ex.ParamName);
        Assert.Empty(_host.Server.LogEntries);
    }

    private static Gen<(ZaloButton Button, string[] Expected)> Button() =>
        Gen.Select(Text(100), Text(500), Gen.Int[0, 2], (title, value, kind) => kind switch
        {
            0 => (new ZaloButton(title, ZaloAction.QueryShow(value)), Strings(title, value)),
            1 => (new ZaloButton(title, ZaloAction.QueryHide(value)), Strings(title, value)),
            _ => (new ZaloButton(title, ZaloAction.OpenUrl("https://congan.example.vn/q")), Strings(title)),
        });

    private static string[] Strings(params string?[] values) => [.. values.Where(v => v is not null).Select(v => v!)];

    /// <summary>Runs one request at a time (the server log is read after each).</summary>
    private static Task SampleAsync<T>(Gen<T> gen, Func<T, Task> property) =>
        gen.SampleAsync(property, iter: Iterations, threads: 1);

    private JsonDocument LastJson()
    {
        var entries = _host.Server.LogEntries;
        var request = entries[entries.Count - 1].RequestMessage;
        var json = string.IsNullOrEmpty(request.Body) ? ((WireMock.RequestMessage)request).DataParameter() : request.Body;
        Assert.NotNull(json);
        return JsonDocument.Parse(json);
    }

    private void AssertCarried(IEnumerable<string> expected)
    {
        using var json = LastJson();
        AssertCarried(json, expected);
    }

    /// <summary>Every expected text is one of the JSON document's string values or property names,
    /// as given or in NFC (message texts are normalised and validated in NFC; free-form values such
    /// as template data and tag names are sent as given).</summary>
    private static void AssertCarried(JsonDocument json, IEnumerable<string> expected)
    {
        var found = new HashSet<string>(StringComparer.Ordinal);
        Collect(json.RootElement, found);
        foreach (var value in expected)
        {
            Assert.True(found.Contains(value) || found.Contains(Nfc(value)), $"The wire JSON lost or changed \"{value}\": {json.RootElement.GetRawText()}");
        }
    }

    private static void Collect(JsonElement element, HashSet<string> found)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                found.Add(element.GetString()!);
                break;
            case JsonValueKind.Number:
                found.Add(element.GetRawText());
                break;
            case JsonValueKind.Object:
                foreach (var p in element.EnumerateObject())
                {
                    found.Add(p.Name);
                    Collect(p.Value, found);
                }

                break;
            case JsonValueKind.Array:
                foreach (var e in element.EnumerateArray())
                {
                    Collect(e, found);
                }

                break;
        }
    }
}
