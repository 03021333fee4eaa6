using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Scout.Hosting;
using Scout.Hosting.AspNetCore;

namespace Scout.Cli.Platform;

/// <summary>The local HTTP host: Kestrel on 127.0.0.1 only, every path handed to the shared ScoutApi.</summary>
public static class LocalWebHost
{
    public static WebApplication Build(ScoutPlatform platform, int port, Action<string> log)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        var rejections = new KestrelRejections(); // Kestrel's own 4xx answers carry {error, detail} too
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.ListenLocalhostIPv4(port, rejections);
            k.Limits.MaxRequestBodySize = null; // ScoutApi reads bodies after authentication, under RequestBody.CapFor
        });
        var app = builder.Build();
        rejections.ObserveHost(app);
        app.UseInternalErrors((context, e) =>
            log($"request {context.TraceIdentifier} {context.Request.Method} {context.Request.Path}: {e.GetType().Name}: {e.Message}"));
        app.MapScoutApi(platform.Api, (request, e) => log($"{request}: {e.GetType().Name}: {e.Message}"));
        return app;
    }
}

internal static class KestrelExtensions
{
    /// <summary>HTTP/1.1 only (no cleartext HTTP/2 prior knowledge), every connection through the rejection rewriter.</summary>
    public static void ListenLocalhostIPv4(this Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions options, int port, KestrelRejections rejections) =>
        options.Listen(System.Net.IPAddress.Loopback, port, listen =>
        {
            listen.Protocols = Microsoft.AspNetCore.Server.Kestrel.Core.HttpProtocols.Http1;
            listen.Use(rejections.Middleware);
        });
}
