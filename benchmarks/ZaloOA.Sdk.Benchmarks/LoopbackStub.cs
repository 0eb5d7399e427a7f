using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace ZaloOA.Sdk.Benchmarks;

/// <summary>
/// A Kestrel server on 127.0.0.1 answering Zalo-shaped bodies with no work of its own, so that a
/// benchmark measures the client and not the server. Every path answers the same fixed bytes.
/// </summary>
public sealed class LoopbackStub : IAsyncDisposable
{
    private readonly WebApplication _app;

    private LoopbackStub(WebApplication app, Uri baseUrl)
    {
        _app = app;
        BaseUrl = baseUrl;
    }

    public Uri BaseUrl { get; }

    /// <summary>Number of requests served (all paths).</summary>
    public int RequestCount => _count;

    private int _count;

    public static async Task<LoopbackStub> StartAsync(Func<HttpContext, byte[]> respond, TimeSpan? delay = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        LoopbackStub? stub = null;
        app.Run(async context =>
        {
            Interlocked.Increment(ref stub!._count);
            if (context.Request.ContentLength is > 0)
            {
                await context.Request.Body.CopyToAsync(Stream.Null);
            }

            if (delay is { } d)
            {
                await Task.Delay(d);
            }

            var body = respond(context);
            context.Response.ContentType = "application/json";
            context.Response.ContentLength = body.Length;
            await context.Response.Body.WriteAsync(body);
        });
        await app.StartAsync();
        var address = app.Urls.First();
        stub = new LoopbackStub(app, new Uri(address.TrimEnd('/') + "/"));
        return stub;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
