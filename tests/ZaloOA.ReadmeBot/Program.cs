using ZaloOA.Sdk;
using ZaloOA.Sdk.Webhooks;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddZaloOA(builder.Configuration.GetSection("Zalo"))   // Zalo:AppId, SecretKey, OaSecretKey
    .AddWebhookReceiver()
    .AddWebhookHandler<UserSendTextEvent, ReplyHandler>();
var app = builder.Build();
app.MapZaloWebhook("/zalo/webhook");
app.Run();

sealed class ReplyHandler(IZaloOAClientFactory clients) : IZaloWebhookHandler<UserSendTextEvent>
{
    public Task HandleAsync(UserSendTextEvent e, CancellationToken ct) =>
        clients.GetClient(e.OaId).Messages.SendTextAsync(e.UserId, "Đã nhận: " + e.Text, ct);
}

public partial class Program;
