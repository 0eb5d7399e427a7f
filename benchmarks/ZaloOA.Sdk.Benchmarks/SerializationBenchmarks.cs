using System.Buffers;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using ZaloOA.Sdk.Messaging;

namespace ZaloOA.Sdk.Benchmarks;

/// <summary>
/// Goal 2: serialising a send body takes at most 1.2× a hand-written <see cref="Utf8JsonWriter"/>
/// that produces the same bytes, and allocates nothing more. The SDK path is
/// <c>MessagesClient.WriteSendBody</c>, the exact code <c>SendTextAsync</c>/<c>SendListAsync</c> run
/// (validation and NFC normalisation included). The floor writes pre-encoded property names into a
/// reused buffer and returns the body as a new array, which the HTTP content needs either way.
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkDotNet.Configs.BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class SerializationBenchmarks
{
    private static readonly JsonEncodedText Recipient = JsonEncodedText.Encode("recipient");
    private static readonly JsonEncodedText UserIdName = JsonEncodedText.Encode("user_id");
    private static readonly JsonEncodedText Message = JsonEncodedText.Encode("message");
    private static readonly JsonEncodedText TextName = JsonEncodedText.Encode("text");
    private static readonly JsonEncodedText Attachment = JsonEncodedText.Encode("attachment");
    private static readonly JsonEncodedText Type = JsonEncodedText.Encode("type");
    private static readonly JsonEncodedText Template = JsonEncodedText.Encode("template");
    private static readonly JsonEncodedText Payload = JsonEncodedText.Encode("payload");
    private static readonly JsonEncodedText TemplateType = JsonEncodedText.Encode("template_type");
    private static readonly JsonEncodedText List = JsonEncodedText.Encode("list");
    private static readonly JsonEncodedText Elements = JsonEncodedText.Encode("elements");
    private static readonly JsonEncodedText Title = JsonEncodedText.Encode("title");
    private static readonly JsonEncodedText Subtitle = JsonEncodedText.Encode("subtitle");
    private static readonly JsonEncodedText ImageUrl = JsonEncodedText.Encode("image_url");
    private static readonly JsonEncodedText DefaultAction = JsonEncodedText.Encode("default_action");
    private static readonly JsonEncodedText Url = JsonEncodedText.Encode("url");
    private static readonly JsonEncodedText Buttons = JsonEncodedText.Encode("buttons");
    private static readonly JsonEncodedText PhoneCode = JsonEncodedText.Encode("phone_code");
    private static readonly JsonEncodedText OpenUrl = JsonEncodedText.Encode(ZaloAction.OpenUrlType);
    private static readonly JsonEncodedText QueryShow = JsonEncodedText.Encode(ZaloAction.QueryShowType);
    private static readonly JsonEncodedText OpenPhone = JsonEncodedText.Encode(ZaloAction.OpenPhoneType);

    private const string User = "2468458835296197922";
    private const string Text = "Công an phường 5 đã tiếp nhận phản ánh số PA-2026-0142 của anh/chị. Cán bộ sẽ liên hệ trong 24 giờ.";

    private readonly ArrayBufferWriter<byte> _buffer = new(1024);
    private Utf8JsonWriter _writer = null!;
    private ZaloRecipient _recipient = null!;
    private ZaloTextMessage _text = null!;
    private ZaloListMessage _list = null!;

    [GlobalSetup]
    public void Setup()
    {
        // The same escaping as the SDK's bodies (UTF-8, only what JSON requires), so the bytes match.
        _writer = new Utf8JsonWriter(_buffer, Internal.ZaloJsonBody.WriterOptions);
        _recipient = ZaloRecipient.User(User);
        _text = new ZaloTextMessage(Text);
        _list = new ZaloListMessage(
            [
                new ZaloListElement("Tin tức an ninh trật tự", "Cập nhật tình hình an ninh trên địa bàn phường tuần này", "https://cdn.example.gov.vn/tin-tuc/banner-500x320.jpg", ZaloAction.OpenUrl("https://congan.example.gov.vn/tin-tuc")),
                new ZaloListElement("Thủ tục hành chính", null, "https://cdn.example.gov.vn/icon/thu-tuc-50.png", ZaloAction.QueryShow("#thutuc")),
                new ZaloListElement("Liên hệ trực ban", null, "https://cdn.example.gov.vn/icon/lien-he-50.png", ZaloAction.QueryShow("#lienhe")),
            ],
            [
                new ZaloButton("Gửi phản ánh", ZaloAction.QueryShow("#phananh")),
                new ZaloButton("Gọi 113", ZaloAction.OpenPhone("113")),
            ]);
        Check(SendTextSdk(), SendTextFloor(), "send-text");
        Check(SendListSdk(), SendListFloor(), "list-with-buttons");
    }

    [GlobalCleanup]
    public void Cleanup() => _writer.Dispose();

    [Benchmark(Baseline = true, Description = "floor: hand-written Utf8JsonWriter, send-text")]
    [BenchmarkCategory("text")]
    public byte[] SendTextFloor()
    {
        var w = Start();
        w.WriteStartObject(Message);
        w.WriteString(TextName, Text);
        w.WriteEndObject();
        return Finish(w);
    }

    [Benchmark(Description = "MessagesClient.WriteSendBody, send-text")]
    [BenchmarkCategory("text")]
    public byte[] SendTextSdk() => MessagesClient.WriteSendBody(_recipient, _text);

    [Benchmark(Baseline = true, Description = "floor: hand-written Utf8JsonWriter, list-with-buttons")]
    [BenchmarkCategory("list")]
    public byte[] SendListFloor()
    {
        var w = Start();
        w.WriteStartObject(Message);
        w.WriteStartObject(Attachment);
        w.WriteString(Type, Template);
        w.WriteStartObject(Payload);
        w.WriteString(TemplateType, List);
        w.WriteStartArray(Elements);
        foreach (var e in _list.Elements)
        {
            w.WriteStartObject();
            w.WriteString(Title, e.Title);
            if (e.Subtitle is not null)
            {
                w.WriteString(Subtitle, e.Subtitle);
            }

            w.WriteString(ImageUrl, e.ImageUrl);
            w.WriteStartObject(DefaultAction);
            if (e.DefaultAction!.Type == ZaloAction.OpenUrlType)
            {
                w.WriteString(Type, OpenUrl);
                w.WriteString(Url, e.DefaultAction.Url);
            }
            else
            {
                w.WriteString(Type, QueryShow);
                w.WriteString(Payload, e.DefaultAction.Query);
            }

            w.WriteEndObject();
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteStartArray(Buttons);
        foreach (var b in _list.Buttons)
        {
            w.WriteStartObject();
            w.WriteString(Title, b.Title);
            if (b.Action.Type == ZaloAction.QueryShowType)
            {
                w.WriteString(Type, QueryShow);
                w.WriteString(Payload, b.Action.Query);
            }
            else
            {
                w.WriteString(Type, OpenPhone);
                w.WriteStartObject(Payload);
                w.WriteString(PhoneCode, b.Action.PhoneCode);
                w.WriteEndObject();
            }

            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
        w.WriteEndObject();
        w.WriteEndObject();
        return Finish(w);
    }

    [Benchmark(Description = "MessagesClient.WriteSendBody, list-with-buttons")]
    [BenchmarkCategory("list")]
    public byte[] SendListSdk() => MessagesClient.WriteSendBody(_recipient, _list);

    private Utf8JsonWriter Start()
    {
        _buffer.ResetWrittenCount();
        _writer.Reset();
        _writer.WriteStartObject();
        _writer.WriteStartObject(Recipient);
        _writer.WriteString(UserIdName, User);
        _writer.WriteEndObject();
        return _writer;
    }

    private byte[] Finish(Utf8JsonWriter w)
    {
        w.WriteEndObject();
        w.Flush();
        return _buffer.WrittenSpan.ToArray();
    }

    private static void Check(byte[] sdk, byte[] floor, string name)
    {
        if (!sdk.AsSpan().SequenceEqual(floor))
        {
            throw new InvalidOperationException(
                $"The floor does not write the SDK's bytes for {name}:\nSDK:   {System.Text.Encoding.UTF8.GetString(sdk)}\nfloor: {System.Text.Encoding.UTF8.GetString(floor)}");
        }
    }
}
