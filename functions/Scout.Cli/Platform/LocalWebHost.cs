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
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.ListenLocalhostIPv4(port);
            k.Limits.MaxRequestBodySize = null; // the bridge enforces the upload caps itself
        });
        var app = builder.Build();
        var limits = platform.Options.Limits;
        var maxBody = Math.Max(limits.MaxCompressedBytes, limits.MaxDecompressedBytes);
        app.Use(async (context, next) =>
        {
            try
            {
                await next(context);
            }
            catch (Exception e) when (!context.Response.HasStarted && !context.RequestAborted.IsCancellationRequested)
            {
                log($"request {context.TraceIdentifier} {context.Request.Method} {context.Request.Path}: {e.GetType().Name}: {e.Message}");
                context.Response.StatusCode = 500;
                context.Response.ContentType = "application/json";
                await context.Response.Body.WriteAsync(AspNetApiBridge.InternalError(context.TraceIdentifier));
            }
        });
        app.MapScoutApi(platform.Api, maxBody);
        return app;
    }
}

internal static class KestrelExtensions
{
    public static void ListenLocalhostIPv4(this Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions options, int port) =>
        options.Listen(System.Net.IPAddress.Loopback, port);
}
