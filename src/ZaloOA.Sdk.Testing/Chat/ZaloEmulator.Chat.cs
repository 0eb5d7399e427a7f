using System.Text.Json.Nodes;
using System.Threading.Channels;
using ZaloOA.Sdk.Testing.Internal;

namespace ZaloOA.Sdk.Testing;

// The conversations as the user's phone shows them: one ordered list per OA and user, with
// delivery states, change notification for live views, the echoes and receipts Zalo reports to the
// app, and messages sent from Zalo's own OA tools.
public sealed partial class ZaloEmulator
{
    private readonly Channel<EmulatedWebhook> _outbox = Channel.CreateUnbounded<EmulatedWebhook>(new UnboundedChannelOptions { SingleReader = true });
    private readonly CancellationTokenSource _stopping = new();
    private readonly Dictionary<string, Uri> _stickers = new(StringComparer.Ordinal);
    private TaskCompletionSource _chatChanged = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task _outboxLoop = Task.CompletedTask;
    private HttpClient? _customWebhookClient;
    private long _chatSeq;
    private long _chatVersion;

    /// <summary>
    /// The client webhooks are posted with (by <see cref="EmulatedCitizen"/>, the echoes and the
    /// chat simulator). Default: the emulator's own client. Set it to an ASP.NET Core
    /// <c>TestServer</c> client (<c>WebApplicationFactory.CreateClient()</c>) to deliver into an
    /// in-memory app, with <see cref="WebhookUrl"/> on that client's base address. Not disposed by
    /// the emulator.
    /// </summary>
    public HttpClient WebhookClient
    {
        get { lock (_gate) { return _customWebhookClient ?? _webhookClient; } }
        set { lock (_gate) { _customWebhookClient = value; } }
    }

    /// <summary>
    /// Sends a text to a user as an admin would from Zalo's own OA tools (the OA Manager app or web
    /// page): the message enters the conversation, and the app receives the <c>oa_send_text</c>
    /// echo with <c>sender.admin_id</c>, as Zalo reports a message the app never sent. The echo is
    /// posted whatever <see cref="ZaloEmulatorOptions.SendEchoEvents"/> says, and awaited.
    /// </summary>
    /// <param name="oaId">The OA.</param>
    /// <param name="userId">A user known to the OA.</param>
    /// <param name="text">The text.</param>
    /// <param name="adminId">The admin's id in Zalo's OA tools.</param>
    /// <param name="cancellationToken">Cancels the post.</param>
    /// <returns>The echo posted and the HTTP status the app answered.</returns>
    public Task<ZaloWebhookDelivery> SendFromOaManagerAsync(string oaId, string userId, string text, string adminId = "6282389142451548427", CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(text);
        ArgumentException.ThrowIfNullOrEmpty(adminId);
        EmulatedWebhook echo;
        lock (_gate)
        {
            var oa = RequireOa(oaId);
            RequireUser(oaId, userId);
            var content = new JsonObject { ["text"] = text };
            var entry = new ConversationEntry(userId, 0, Now, "text", text, Wire.HexId()) { Content = content, Origin = "oa_manager" };
            AddEntryLocked(oa, entry);
            echo = Events.OaSendMessage(oa.OaId, userId, entry.MessageId, content, adminId);
        }

        return DeliverAsync(echo, cancellationToken);
    }

    // ---- For the chat simulator (same assembly) --------------------------------------------

    // The OAs and their users, for the simulator's pickers.
    internal JsonArray AccountsJson()
    {
        lock (_gate)
        {
            return new JsonArray([.. _accountOrder.Select(id => _accounts[id]).Select(oa => (JsonNode?)new JsonObject
            {
                ["oaId"] = oa.OaId,
                ["name"] = oa.Name,
                ["users"] = new JsonArray([.. oa.UserOrder.Select(u => oa.Users[u]).Select(u => (JsonNode?)new JsonObject
                {
                    ["userId"] = u.UserId,
                    ["displayName"] = u.DisplayName,
                    ["isFollower"] = u.IsFollower,
                })]),
                ["groups"] = GroupsJsonLocked(oa),
            })]);
        }
    }

    // The visible messages of one conversation changed after sinceVersion, in order, each with its
    // Zalo message object resolved (attachment ids, file tokens and articles as URLs), and the
    // version to ask from next time.
    internal (JsonArray Messages, long Version) ChatJson(string oaId, string userId, long sinceVersion)
    {
        lock (_gate)
        {
            var oa = RequireOa(oaId);
            var messages = oa.Conversation
                .Where(e => e.UserId == userId && !e.Hidden && e.Version > sinceVersion)
                .OrderBy(e => e.Seq)
                .Select(e => (JsonNode?)new JsonObject
                {
                    ["id"] = e.MessageId,
                    ["seq"] = e.Seq,
                    ["fromOa"] = e.Src == 0,
                    ["time"] = e.Time.ToUnixTimeMilliseconds(),
                    ["origin"] = e.Origin,
                    ["state"] = e.State,
                    ["webhookStatus"] = e.WebhookStatus,
                    ["reaction"] = e.Reaction,
                    ["answered"] = e.Answered,
                    ["message"] = e.Content is null ? new JsonObject { ["text"] = e.Message } : ResolveContentLocked(oa, e.Content),
                });
            return (new JsonArray([.. messages]), _chatVersion);
        }
    }

    // Completes when anything changed after sinceVersion (or at once if it already has).
    internal Task WaitForChatChangeAsync(long sinceVersion, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return _chatVersion > sinceVersion ? Task.CompletedTask : _chatChanged.Task.WaitAsync(cancellationToken);
        }
    }

    internal bool IsOaMessage(string oaId, string userId, string messageId, string? templateType = null)
    {
        lock (_gate)
        {
            return _accounts.TryGetValue(oaId, out var oa) && oa.Conversation.Any(e =>
                e.Src == 0 && e.UserId == userId && e.MessageId == messageId
                && (templateType is null || Wire.Str((e.Content?["attachment"] as JsonObject)?["payload"], "template_type") == templateType));
        }
    }

    // The phone showed these OA messages: each not yet received is reported received (one
    // user_received_message per message, msg_id being single [C]) and, when the chat was
    // visible, all not yet seen in one user_seen_message. States change at once; the events go
    // out in the background when the options ask for them.
    internal void ReportShown(string oaId, string userId, IReadOnlyCollection<string> messageIds, bool seen)
    {
        List<EmulatedWebhook> receipts = [];
        lock (_gate)
        {
            var entries = OaEntries(RequireOa(oaId), userId, [.. messageIds]).ToList();
            receipts.AddRange(entries.Where(e => e.State == "sent").Select(e => Events.UserReceivedMessage(oaId, userId, e.MessageId)));
            var unseen = entries.Where(e => e.State != "seen").Select(e => e.MessageId).ToList();
            if (seen && unseen.Count > 0)
            {
                receipts.Add(Events.UserSeenMessage(oaId, userId, unseen));
            }
        }

        foreach (var receipt in receipts)
        {
            Apply(receipt);
            if (_options.SendReceiptEvents)
            {
                _outbox.Writer.TryWrite(receipt);
            }
        }
    }

    // A request_user_info form was submitted: the form shows as answered.
    internal void MarkAnswered(string oaId, string userId, string messageId)
    {
        lock (_gate)
        {
            foreach (var entry in OaEntries(RequireOa(oaId), userId, [messageId]))
            {
                entry.Answered = true;
                TouchLocked(entry);
            }
        }
    }

    // A user the simulator adds before they follow (their follow event is what makes them a follower).
    internal void AddUser(string oaId, string userId, string displayName)
    {
        lock (_gate)
        {
            GetOrAddUser(RequireOa(oaId), userId, displayName).DisplayName = displayName;
            TouchAccountsLocked();
        }
    }

    // Bytes the emulator serves under /media/, for the simulator's same-origin copy of them.
    internal (byte[] Content, string ContentType)? Media(string name)
    {
        lock (_gate)
        {
            return _media.TryGetValue(name, out var item) ? (item.Content, item.ContentType) : null;
        }
    }

    // ---- Shared with the endpoint files ---------------------------------------------------

    private void AddEntryLocked(OaState oa, ConversationEntry entry)
    {
        entry.Seq = ++_chatSeq;
        oa.Conversation.Add(entry);
        TouchLocked(entry);
    }

    private void TouchLocked(ConversationEntry entry) => entry.Version = TouchAccountsLocked();

    private long TouchAccountsLocked()
    {
        var version = ++_chatVersion;
        var changed = _chatChanged;
        _chatChanged = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        changed.TrySetResult();
        return version;
    }

    // An OA message was accepted: its echo goes out after the API answer, in send order.
    private void EchoLocked(OaState oa, ConversationEntry entry)
    {
        if (_options.SendEchoEvents && entry.Content is { } content)
        {
            _outbox.Writer.TryWrite(Events.OaSendMessage(oa.OaId, entry.UserId, entry.MessageId, ResolveContentLocked(oa, content), adminId: null));
        }
    }

    private void StartOutbox() => _outboxLoop = Task.Run(RunOutboxAsync);

    private async Task RunOutboxAsync()
    {
        await foreach (var webhook in _outbox.Reader.ReadAllAsync(_stopping.Token).ConfigureAwait(false))
        {
            if (WebhookUrl is not { } url)
            {
                continue;
            }

            try
            {
                await PostWebhookAsync(url, webhook, _stopping.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException or InvalidOperationException)
            {
                // Zalo does not stop for an app that is down either; the state (failed, status 0)
                // is on the message for whoever looks.
            }
        }
    }

    private async Task StopOutboxAsync()
    {
        _outbox.Writer.TryComplete();
        await _stopping.CancelAsync().ConfigureAwait(false);
        try
        {
            await _outboxLoop.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Stopping mid-post.
        }

        _stopping.Dispose();
    }

    // A copy of a message object with what the phone needs to show it: uploaded image/gif ids
    // and file tokens as their media URLs (file name and size too), sticker ids as a picture,
    // broadcast articles as title, description, cover and link.
    private JsonObject ResolveContentLocked(OaState oa, JsonObject content)
    {
        var copy = (JsonObject)content.DeepClone();
        if (copy["attachment"] is not JsonObject attachment || attachment["payload"] is not JsonObject payload)
        {
            return copy;
        }

        if (Wire.Str(attachment, "type") == "file")
        {
            if (Wire.Str(payload, "token") is { } token && FindUpload(oa, token) is { } file)
            {
                payload["url"] = file.MediaUrl.AbsoluteUri;
                payload["name"] = file.FileName;
                payload["size"] = file.Content.Length.ToString(System.Globalization.CultureInfo.InvariantCulture);
                payload["type"] = Path.GetExtension(file.FileName).TrimStart('.').ToLowerInvariant();
            }

            return copy;
        }

        foreach (var element in (payload["elements"] as JsonArray ?? []).OfType<JsonObject>())
        {
            var id = Wire.Str(element, "attachment_id");
            switch (Wire.Str(element, "media_type"))
            {
                case "image" or "gif" when id is not null && FindUpload(oa, id) is { } upload:
                    element["url"] = upload.MediaUrl.AbsoluteUri;
                    break;
                case "sticker" when id is not null:
                    element["url"] = StickerUrlLocked(id).AbsoluteUri;
                    break;
                case "article" when id is not null && _articlesById.TryGetValue(id, out var article) && article.OaId == oa.OaId:
                    element["title"] = Wire.Str(article.Body, "title");
                    element["description"] = Wire.Str(article.Body, "description");
                    element["thumb"] = Thumb(article);
                    element["url"] = ArticleLink(article);
                    break;
            }
        }

        return copy;
    }

    private EmulatedUpload? FindUpload(OaState oa, string id) => _uploads.LastOrDefault(u => u.Id == id && u.OaId == oa.OaId);

    // Zalo's sticker catalogue is not public; every sticker id gets one generated picture.
    private Uri StickerUrlLocked(string stickerId)
    {
        if (!_stickers.TryGetValue(stickerId, out var url))
        {
            var name = Wire.HexId(24) + ".png";
            _media[name] = new MediaItem(SampleMedia.Png(64, 0xFF, 0xC1, 0x07), "image/png");
            _stickers[stickerId] = url = new Uri(BaseUrl, "media/" + name);
        }

        return url;
    }
}
