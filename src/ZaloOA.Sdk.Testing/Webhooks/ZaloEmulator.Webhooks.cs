using System.Net;
using System.Net.Http.Headers;
using ZaloOA.Sdk.Testing.Internal;
using ZaloOA.Sdk.Webhooks;

namespace ZaloOA.Sdk.Testing;

// Webhook delivery to the app, and what each event changes in the emulated OA.
public sealed partial class ZaloEmulator
{
    /// <summary>
    /// Posts an event to your app as Zalo does (<c>POST</c>, <c>Content-Type: application/json</c>,
    /// the exact body bytes, <c>X-ZEvent-Signature: mac=...</c>) and returns the HTTP status it
    /// answered. Before posting, the event takes effect in the emulator, once per event: a user
    /// message refreshes the follower's last interaction (re-opening the CS window) and enters the
    /// conversation history; follow/unfollow change the follower flag; user_submit_info fills
    /// <c>shared_info</c>. Unknown users are added (as non-followers unless they follow).
    /// </summary>
    /// <param name="webhookUrl">Your app's webhook endpoint.</param>
    /// <param name="webhookEvent">The event from <see cref="Events"/>.</param>
    /// <param name="cancellationToken">Cancels the post.</param>
    public Task<HttpStatusCode> PostWebhookAsync(Uri webhookUrl, EmulatedWebhook webhookEvent, CancellationToken cancellationToken = default) =>
        PostWebhookAsync(WebhookClient, webhookUrl, webhookEvent, cancellationToken);

    /// <summary>Posts an event through your own <see cref="HttpClient"/> (e.g. an ASP.NET Core
    /// <c>TestServer</c> client); otherwise as <see cref="PostWebhookAsync(Uri, EmulatedWebhook, CancellationToken)"/>.</summary>
    /// <param name="httpClient">The client to post with.</param>
    /// <param name="webhookUrl">Your app's webhook endpoint (relative URLs resolve against the client's base address).</param>
    /// <param name="webhookEvent">The event from <see cref="Events"/>.</param>
    /// <param name="cancellationToken">Cancels the post.</param>
    public async Task<HttpStatusCode> PostWebhookAsync(HttpClient httpClient, Uri webhookUrl, EmulatedWebhook webhookEvent, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        ArgumentNullException.ThrowIfNull(webhookUrl);
        ArgumentNullException.ThrowIfNull(webhookEvent);
        Apply(webhookEvent);
        using var request = new HttpRequestMessage(HttpMethod.Post, webhookUrl)
        {
            Content = new ReadOnlyMemoryContent(webhookEvent.BodyBytes),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        request.Headers.TryAddWithoutValidation(ZaloWebhookSignature.HeaderName, webhookEvent.Signature);
        try
        {
            using var response = await httpClient.SendAsync(request, cancellationToken).ConfigureAwait(false);
            Answered(webhookEvent, (int)response.StatusCode);
            return response.StatusCode;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            Answered(webhookEvent, 0);
            throw;
        }
    }

    internal async Task<ZaloWebhookDelivery> DeliverAsync(EmulatedWebhook webhookEvent, CancellationToken cancellationToken)
    {
        var url = WebhookUrl ?? throw new InvalidOperationException(
            "ZaloEmulator.WebhookUrl is not set: set it (or ZaloEmulatorOptions.WebhookUrl) to your app's webhook endpoint, e.g. http://localhost:5000/zalo/webhook.");
        var status = await PostWebhookAsync(url, webhookEvent, cancellationToken).ConfigureAwait(false);
        return new ZaloWebhookDelivery(webhookEvent, status);
    }

    // A user message's delivery state follows the app's answer: Zalo itself would accept the
    // message whatever the app says, but a simulator user wants to see that the app failed.
    private void Answered(EmulatedWebhook webhookEvent, int status)
    {
        if (webhookEvent.Effect.Entry is not { } entry)
        {
            return;
        }

        lock (_gate)
        {
            entry.WebhookStatus = status;
            entry.State = status is >= 200 and < 300 ? "delivered" : "failed";
            TouchLocked(entry);
        }
    }

    private void Apply(EmulatedWebhook webhookEvent)
    {
        var effect = webhookEvent.Effect;
        lock (_gate)
        {
            if (webhookEvent.Applied || effect.Kind == EventEffectKind.None || !_accounts.TryGetValue(webhookEvent.OaId, out var oa))
            {
                return;
            }

            webhookEvent.Applied = true;
            var user = GetOrAddUser(oa, webhookEvent.UserId);
            switch (effect.Kind)
            {
                case EventEffectKind.UserMessage:
                    Interacted(user, effect.Time);
                    AddEntryLocked(oa, effect.Entry!);
                    oa.InboundMessages[effect.Entry!.MessageId] = user.UserId;
                    break;
                case EventEffectKind.Follow:
                    user.IsFollower = true;
                    Interacted(user, effect.Time);
                    TouchAccountsLocked();
                    break;
                case EventEffectKind.Unfollow:
                    user.IsFollower = false;
                    TouchAccountsLocked();
                    break;
                case EventEffectKind.SubmitInfo:
                    user.SharedInfo = effect.SharedInfo;
                    Interacted(user, effect.Time);
                    break;
                case EventEffectKind.Received:
                case EventEffectKind.Seen:
                    var state = effect.Kind == EventEffectKind.Seen ? "seen" : "received";
                    foreach (var entry in OaEntries(oa, user.UserId, effect.MessageIds))
                    {
                        // Never backwards: a late "received" does not undo "seen".
                        if (entry.State != "seen" && entry.State != state)
                        {
                            entry.State = state;
                            TouchLocked(entry);
                        }
                    }

                    break;
                case EventEffectKind.Reacted:
                    foreach (var entry in OaEntries(oa, user.UserId, effect.MessageIds))
                    {
                        entry.Reaction = effect.ReactIcon == "/-remove" ? null : effect.ReactIcon;
                        TouchLocked(entry);
                    }

                    break;
                case EventEffectKind.GroupMessage or EventEffectKind.GroupJoin or EventEffectKind.GroupJoinRequest or EventEffectKind.GroupLeave:
                    ApplyGroupEffectLocked(user, effect);
                    break;
            }
        }
    }

    private static IEnumerable<ConversationEntry> OaEntries(OaState oa, string userId, IReadOnlyList<string> messageIds) =>
        oa.Conversation.Where(e => e.Src == 0 && e.UserId == userId && messageIds.Contains(e.MessageId));

    private static void Interacted(UserState user, DateTimeOffset time)
    {
        if (user.LastInteraction is not { } last || time >= last)
        {
            user.LastInteraction = time;
            user.RepliesSinceInteraction = 0;
        }
    }
}
