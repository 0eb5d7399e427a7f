namespace ZaloOA.Sdk.Testing;

/// <summary>
/// Settings of a <see cref="ZaloEmulator"/>. The defaults work out of the box: point the SDK's
/// <c>AppId</c>, <c>SecretKey</c> and <c>OaSecretKey</c> at the same values (see
/// <see cref="ZaloEmulator.ConfigureSdk"/>).
/// </summary>
public sealed class ZaloEmulatorOptions
{
    /// <summary>The loopback port to listen on; null (the default) picks a free one.</summary>
    public int? Port { get; set; }

    /// <summary>The Zalo app id the emulator accepts (numeric, like Zalo's). Default
    /// <c>1234567890123456789</c>.</summary>
    public string AppId { get; set; } = "1234567890123456789";

    /// <summary>The app secret the token endpoint expects in its <c>secret_key</c> header.</summary>
    public string SecretKey { get; set; } = "EmulatorAppSecretKey";

    /// <summary>The OA secret key webhooks are signed with (the key from the app's Webhook
    /// settings, not the app secret).</summary>
    public string OaSecretKey { get; set; } = "EmulatorOaSecretKey";

    /// <summary>Access-token lifetime, reported as <c>expires_in</c>. Default 90000 s (25 h), as Zalo.</summary>
    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromSeconds(90000);

    /// <summary>Refresh-token lifetime. Default 90 days ("3 months"). Whether Zalo restarts the
    /// clock on rotation is unknown [U]; the emulator gives every rotated token the full lifetime.</summary>
    public TimeSpan RefreshTokenLifetime { get; set; } = TimeSpan.FromDays(90);

    /// <summary>Authorization-code lifetime. Default 10 minutes.</summary>
    public TimeSpan AuthorizationCodeLifetime { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How long uploaded attachment ids and file tokens stay usable (Zalo: about 7 days [S]).</summary>
    public TimeSpan UploadLifetime { get; set; } = TimeSpan.FromDays(7);

    /// <summary>How many <c>/v2.0/article/verify</c> polls answer <c>-214 Article is being
    /// processed</c> before the article id is returned. Default 1.</summary>
    public int ArticleProcessingPolls { get; set; } = 1;

    /// <summary>How many <c>upload_video/verify</c> polls answer "converting" (status 3) before
    /// the video is ready (status 1). Default 1.</summary>
    public int VideoProcessingPolls { get; set; } = 1;

    /// <summary>Where <see cref="EmulatedCitizen"/> posts webhooks (your app's webhook endpoint).
    /// Can also be set later with <see cref="ZaloEmulator.WebhookUrl"/>.</summary>
    public Uri? WebhookUrl { get; set; }

    /// <summary>
    /// Whether the emulator reports every message an OA sends back to <see cref="WebhookUrl"/> as
    /// Zalo's echo events (<c>oa_send_text</c>, <c>oa_send_image</c>, <c>oa_send_list</c>,
    /// <c>oa_send_file</c>, <c>oa_send_gif</c>, <c>oa_send_sticker</c>, <c>oa_send_template</c>, and
    /// <c>oa_reacted_message</c> for reactions). Default true: Zalo sends them to every app
    /// subscribed to those events, which an app that wants to see answers given from Zalo's own OA
    /// tools must be. Echoes are posted in the background, in send order, after the API call has
    /// been answered; nothing is posted while <see cref="WebhookUrl"/> is unset.
    /// </summary>
    public bool SendEchoEvents { get; set; } = true;

    /// <summary>
    /// Whether the chat simulator's phone reports delivery and reading as Zalo does
    /// (<c>user_received_message</c> when a message reaches the open chat, <c>user_seen_message</c>
    /// with every id read when it is shown). Default true, as for an app subscribed to those events.
    /// The message states change either way; <see cref="EmulatedCitizen"/>'s explicit receipt
    /// methods always post.
    /// </summary>
    public bool SendReceiptEvents { get; set; } = true;

    /// <summary>The clock for token expiry, windows and webhook timestamps. Default the system clock.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;
}
