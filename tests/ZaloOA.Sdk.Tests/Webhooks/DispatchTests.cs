using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ZaloOA.Sdk.Menus;
using ZaloOA.Sdk.Webhooks;
using ZaloOA.Tests.Common;

namespace ZaloOA.Sdk.Tests.Webhooks;

public class DispatchTests
{
    private const string Text = """{"app_id":"1","sender":{"id":"user-1"},"recipient":{"id":"oa-1"},"event_name":"user_send_text","message":{"text":"#tintuc","msg_id":"m-1"},"timestamp":"1"}""";

    [Fact]
    public async Task Processor_calls_the_method_of_the_event_type()
    {
        var processor = new RecordingProcessor();

        await processor.DispatchAsync(ZaloWebhookParser.Parse(Text), TestContext.Current.CancellationToken);
        await processor.DispatchAsync(ZaloWebhookParser.Parse("""{"event_name":"follow","oa_id":"oa-1","follower":{"id":"user-1"},"timestamp":"1"}"""), TestContext.Current.CancellationToken);
        await processor.DispatchAsync(ZaloWebhookParser.Parse("""{"event_name":"brand_new","timestamp":"1"}"""), TestContext.Current.CancellationToken);

        Assert.Equal(["text:#tintuc", "follow", "unknown:brand_new"], processor.Calls);
    }

    [Fact]
    public async Task Di_handlers_of_the_type_and_its_bases_run_in_order()
    {
        var log = new List<string>();
        await using var host = Host(b => b
            .AddWebhookHandler<UserSendTextEvent, TextHandler>()
            .AddWebhookHandler<UserMessageEvent, UserMessageHandler>()
            .AddWebhookHandler<ZaloWebhookEvent, AnyHandler>(), log);

        var count = await host.Services.GetRequiredService<ZaloWebhookDispatcher>().DispatchAsync(ZaloWebhookParser.Parse(Text), TestContext.Current.CancellationToken);

        Assert.Equal(3, count);
        Assert.Equal(["text", "user-message", "any"], log);
    }

    [Fact]
    public async Task A_group_message_reaches_the_group_message_handlers_and_neither_the_menu_nor_the_one_to_one_handlers()
    {
        var log = new List<string>();
        var router = new Router(handles: true);
        await using var host = Host(b => b
            .AddWebhookHandler<UserSendTextEvent, TextHandler>()
            .AddWebhookHandler<UserMessageEvent, UserMessageHandler>()
            .AddWebhookHandler<GroupMessageEvent, GroupMessageHandler>()
            .AddWebhookHandler<GroupEvent, GroupEventHandler>(), log, router);
        var dispatcher = host.Services.GetRequiredService<ZaloWebhookDispatcher>();

        await dispatcher.DispatchAsync(ZaloWebhookParser.Parse("""{"event_name":"user_send_group_text","oa_id":"oa-1","sender":{"id":"user-1"},"recipient":{"id":"g-1"},"message":{"text":"#tintuc","msg_id":"m-2"},"timestamp":"1"}"""), TestContext.Current.CancellationToken);
        await dispatcher.DispatchAsync(ZaloWebhookParser.Parse("""{"event_name":"user_join_group","oa_id":"oa-1","group_id":"g-1","sender":{"id":"user-1"},"timestamp":"1"}"""), TestContext.Current.CancellationToken);

        Assert.Null(router.Query);
        Assert.Equal(["group-message:g-1", "group-event:g-1"], log);
    }

    [Fact]
    public async Task A_text_the_menu_router_handles_reaches_no_handler()
    {
        var log = new List<string>();
        var router = new Router(handles: true);
        await using var host = Host(b => b.AddWebhookHandler<UserSendTextEvent, TextHandler>(), log, router);

        await host.Services.GetRequiredService<ZaloWebhookDispatcher>().DispatchAsync(ZaloWebhookParser.Parse(Text), TestContext.Current.CancellationToken);

        Assert.Equal(new ZaloMenuQuery("oa-1", "user-1", "#tintuc", "m-1"), router.Query);
        Assert.Empty(log);
    }

    [Fact]
    public async Task A_text_the_menu_router_declines_reaches_the_text_handlers()
    {
        var log = new List<string>();
        await using var host = Host(b => b.AddWebhookHandler<UserSendTextEvent, TextHandler>(), log, new Router(handles: false));

        await host.Services.GetRequiredService<ZaloWebhookDispatcher>().DispatchAsync(ZaloWebhookParser.Parse(Text), TestContext.Current.CancellationToken);

        Assert.Equal(["text"], log);
    }

    [Fact]
    public async Task A_registered_processor_receives_events_through_di()
    {
        await using var host = Host(b => b.AddWebhookProcessor<RecordingProcessor>(), []);
        await using var scope = host.Services.CreateAsyncScope();

        await host.Services.GetRequiredService<ZaloWebhookDispatcher>().DispatchAsync(ZaloWebhookParser.Parse(Text), TestContext.Current.CancellationToken);

        Assert.Equal(["text:#tintuc"], RecordingProcessor.LastInstance!.Calls);
    }

    [Fact]
    public async Task Start_up_validation_fails_without_an_oa_secret_key()
    {
        await using var host = new ZaloTestHost(o => o.OaSecretKey = null, s => new ZaloOA.Sdk.DependencyInjection.ZaloOABuilder(s).AddWebhooks());

        var ex = Assert.Throws<OptionsValidationException>(() => host.Services.GetRequiredService<IOptionsMonitor<ZaloWebhookOptions>>().CurrentValue);
        Assert.Contains("Zalo:OaSecretKey", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_up_validation_refuses_an_app_listed_twice()
    {
        await using var host = new ZaloTestHost(configureServices: s => new ZaloOA.Sdk.DependencyInjection.ZaloOABuilder(s).AddWebhooks(o =>
        {
            o.Apps.Add(new ZaloWebhookApp { AppId = "1", OaSecretKey = "a" });
            o.Apps.Add(new ZaloWebhookApp { AppId = "1", OaSecretKey = "b" });
        }));

        var ex = Assert.Throws<OptionsValidationException>(() => host.Services.GetRequiredService<IOptionsMonitor<ZaloWebhookOptions>>().CurrentValue);
        Assert.Contains("listed twice", ex.Message, StringComparison.Ordinal);
    }

    private static ZaloTestHost Host(Action<ZaloOA.Sdk.DependencyInjection.ZaloOABuilder> configure, List<string> log, IZaloMenuRouter? router = null) =>
        new(configureServices: s =>
        {
            s.AddSingleton(log);
            if (router is not null)
            {
                s.AddSingleton(router);
            }

            configure(new ZaloOA.Sdk.DependencyInjection.ZaloOABuilder(s).AddWebhooks());
        });

    public sealed class RecordingProcessor : ZaloWebhookProcessor
    {
        public RecordingProcessor() => LastInstance = this;

        public static RecordingProcessor? LastInstance { get; private set; }

        public List<string> Calls { get; } = [];

        public override Task OnUserSendTextAsync(UserSendTextEvent webhookEvent, CancellationToken cancellationToken)
        {
            Calls.Add("text:" + webhookEvent.Text);
            return Task.CompletedTask;
        }

        public override Task OnFollowAsync(FollowEvent webhookEvent, CancellationToken cancellationToken)
        {
            Calls.Add("follow");
            return Task.CompletedTask;
        }

        public override Task OnUnknownEventAsync(ZaloWebhookEvent webhookEvent, CancellationToken cancellationToken)
        {
            Calls.Add("unknown:" + webhookEvent.EventName);
            return Task.CompletedTask;
        }
    }

    public sealed class TextHandler(List<string> log) : IZaloWebhookHandler<UserSendTextEvent>
    {
        public Task HandleAsync(UserSendTextEvent webhookEvent, CancellationToken cancellationToken)
        {
            log.Add("text");
            return Task.CompletedTask;
        }
    }

    public sealed class UserMessageHandler(List<string> log) : IZaloWebhookHandler<UserMessageEvent>
    {
        public Task HandleAsync(UserMessageEvent webhookEvent, CancellationToken cancellationToken)
        {
            log.Add("user-message");
            return Task.CompletedTask;
        }
    }

    public sealed class GroupMessageHandler(List<string> log) : IZaloWebhookHandler<GroupMessageEvent>
    {
        public Task HandleAsync(GroupMessageEvent webhookEvent, CancellationToken cancellationToken)
        {
            log.Add("group-message:" + webhookEvent.GroupId);
            return Task.CompletedTask;
        }
    }

    public sealed class GroupEventHandler(List<string> log) : IZaloWebhookHandler<GroupEvent>
    {
        public Task HandleAsync(GroupEvent webhookEvent, CancellationToken cancellationToken)
        {
            log.Add("group-event:" + webhookEvent.GroupId);
            return Task.CompletedTask;
        }
    }

    public sealed class AnyHandler(List<string> log) : IZaloWebhookHandler<ZaloWebhookEvent>
    {
        public Task HandleAsync(ZaloWebhookEvent webhookEvent, CancellationToken cancellationToken)
        {
            log.Add("any");
            return Task.CompletedTask;
        }
    }

    private sealed class Router(bool handles) : IZaloMenuRouter
    {
        public ZaloMenuQuery? Query { get; private set; }

        public ValueTask<bool> TryRouteAsync(ZaloMenuQuery query, CancellationToken cancellationToken = default)
        {
            Query = query;
            return ValueTask.FromResult(handles);
        }
    }
}
