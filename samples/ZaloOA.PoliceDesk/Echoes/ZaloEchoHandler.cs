using ZaloOA.Sdk.DependencyInjection;
using ZaloOA.Sdk.Webhooks;

namespace ZaloOA.PoliceDesk.Echoes;

/// <summary>
/// Echoes (<c>oa_send_*</c>), receipts and reactions → <see cref="ZaloEchoes"/>. Runs inline in the
/// webhook like the citizen's messages: committed before Zalo gets its 2xx (an event the desk
/// cannot place is kept, never refused), a failure answers 500 and Zalo redelivers, which changes
/// nothing once recorded.
/// </summary>
public sealed class ZaloEchoHandler(ZaloEchoes echoes) :
    IZaloWebhookHandler<OaSendMessageEvent>,
    IZaloWebhookHandler<UserReceivedMessageEvent>,
    IZaloWebhookHandler<UserSeenMessageEvent>,
    IZaloWebhookHandler<MessageReactionEvent>
{
    /// <inheritdoc />
    public Task HandleAsync(OaSendMessageEvent webhookEvent, CancellationToken cancellationToken) => echoes.RecordEchoAsync(webhookEvent, cancellationToken);

    /// <inheritdoc />
    public Task HandleAsync(UserReceivedMessageEvent webhookEvent, CancellationToken cancellationToken) => echoes.RecordReceiptAsync(webhookEvent, cancellationToken);

    /// <inheritdoc />
    public Task HandleAsync(UserSeenMessageEvent webhookEvent, CancellationToken cancellationToken) => echoes.RecordReceiptAsync(webhookEvent, cancellationToken);

    /// <inheritdoc />
    public Task HandleAsync(MessageReactionEvent webhookEvent, CancellationToken cancellationToken) => echoes.RecordReactionAsync(webhookEvent, cancellationToken);
}

/// <summary>Registers the echo, receipt and reaction handlers on the SDK's webhook.</summary>
public static class ZaloEchoRegistration
{
    /// <summary>Adds <see cref="ZaloEchoes"/> and its webhook handlers.</summary>
    public static ZaloOABuilder AddZaloEchoes(this ZaloOABuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddScoped<ZaloEchoes>();
        return builder
            .AddWebhookHandler<OaSendMessageEvent, ZaloEchoHandler>()
            .AddWebhookHandler<UserReceivedMessageEvent, ZaloEchoHandler>()
            .AddWebhookHandler<UserSeenMessageEvent, ZaloEchoHandler>()
            .AddWebhookHandler<MessageReactionEvent, ZaloEchoHandler>();
    }
}
