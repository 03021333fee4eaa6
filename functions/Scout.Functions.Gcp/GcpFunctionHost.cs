using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using Scout.Core.Serialization;
using Scout.Functions.Gcp.Logging;
using Scout.Hosting;
using Scout.Hosting.AspNetCore;
using Scout.Queue.PubSub.Delivery;

namespace Scout.Functions.Gcp;

/// <summary>
/// The Cloud Run container: one binary, three functions over the shared platform, chosen by SCOUT_FUNCTION.
/// http: the HTTP API (every path). queue: POST / takes Pub/Sub deliveries (Eventarc CloudEvent or push envelope).
/// refresh: POST / runs one advisory refresh (Cloud Scheduler). all: the API, plus the event routes
/// (/events/pubsub, /events/dead-letter, /events/refresh) listed in SCOUT_EVENT_ROUTES, for local runs and tests. The
/// queue function takes the dead-letter topic's pushes on /events/dead-letter (marks the upload failed) only when
/// SCOUT_EVENT_ROUTES lists dead-letter. Push routes check the OIDC token when SCOUT_PUSH_AUDIENCE is set.
/// </summary>
public static class GcpFunctionHost
{
    public const string PubSubRoute = PubSubDeliveryHandler.AnalysisRoute, DeadLetterRoute = PubSubDeliveryHandler.DeadLetterRoute,
        RefreshRoute = "/events/refresh";

    public static WebApplication Build(ScoutPlatform platform, GcpFunctionSettings settings, Action<WebApplicationBuilder>? configure = null,
        IPushTokenValidator? tokens = null) =>
        Build(new RefreshingPlatform(platform, _ => Task.FromResult(platform), TimeSpan.MaxValue, platform.Options.Clock), settings, configure, tokens);

    public static WebApplication Build(RefreshingPlatform platform, GcpFunctionSettings settings, Action<WebApplicationBuilder>? configure = null,
        IPushTokenValidator? tokens = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Logging.AddConsole(o => o.FormatterName = CloudLoggingFormatter.FormatterName)
            .AddConsoleFormatter<CloudLoggingFormatter, ConsoleFormatterOptions>();
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = null); // ScoutApi reads bodies after authentication, under RequestBody.CapFor
        builder.WebHost.UseUrls($"http://0.0.0.0:{settings.Port}");
        KestrelRejections.UseFor(builder, out var rejections); // Kestrel's own 4xx answers carry {error, detail} too
        configure?.Invoke(builder);
        var app = builder.Build();
        rejections.ObserveHost(app);
        Map(app, platform, settings, tokens);
        return app;
    }

    public static void Map(WebApplication app, RefreshingPlatform platforms, GcpFunctionSettings settings, IPushTokenValidator? tokens = null)
    {
        var platform = platforms.Current;
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("scout.function." + settings.Function);
        app.Use(async (context, next) =>
        {
            var trace = CloudTrace.Resource(settings.ProjectId, context.Request.Headers["X-Cloud-Trace-Context"], context.Request.Headers["traceparent"]);
            using var scope = trace == null ? null : logger.BeginScope(new Dictionary<string, object?> { [CloudLoggingFormatter.TraceKey] = trace });
            await next(context);
        });
        app.UseInternalErrors((context, e) =>
            logger.LogError(e, "request {RequestId} {Method} {Path} failed", context.TraceIdentifier, context.Request.Method, context.Request.Path.Value));
        Action<string, Exception> apiLog = (request, e) => logger.LogError(e, "{Request} failed", request);

        // Each delivery analyzes with the current platform: its advisory index follows the refresh service's writes.
        var queue = new PubSubDeliveryHandler(new AnalysisDelivery((m, ct) => platforms.Current.QueueAnalysis.HandleAsync(m, ct), platform.Store,
            platform.Options.Clock, platform.Options.Resilience));
        var push = new PushAuthentication(settings.PushAudience, settings.PushServiceAccount, tokens ?? new GoogleTokenValidator());
        RequestDelegate analyze = context => DeliveryAsync(context, push, queue.HandleAsync, logger);
        RequestDelegate deadLetter = context => DeliveryAsync(context, push, queue.HandleDeadLetterAsync, logger);
        RequestDelegate refresh = context => RefreshAsync(context, platforms.Current, settings, logger);
        switch (settings.Function)
        {
            case GcpFunctionSettings.Http:
                app.MapScoutApi(platform.Api, apiLog);
                break;
            case GcpFunctionSettings.Queue:
                app.MapPost("/", analyze);
                app.MapPost(PubSubRoute, analyze);
                if (settings.EventRoutes.Contains(GcpFunctionSettings.DeadLetterEvents)) app.MapPost(DeadLetterRoute, deadLetter);
                app.MapGet("/healthz", () => Results.Ok(new { status = "ok" }));
                break;
            case GcpFunctionSettings.Refresh:
                app.MapPost("/", refresh);
                app.MapPost(RefreshRoute, refresh);
                app.MapGet("/healthz", () => Results.Ok(new { status = "ok" }));
                break;
            default:
                if (settings.EventRoutes.Contains(GcpFunctionSettings.PubSubEvents)) app.MapPost(PubSubRoute, analyze);
                if (settings.EventRoutes.Contains(GcpFunctionSettings.DeadLetterEvents)) app.MapPost(DeadLetterRoute, deadLetter);
                if (settings.EventRoutes.Contains(GcpFunctionSettings.RefreshEvents)) app.MapPost(RefreshRoute, refresh);
                app.MapScoutApi(platform.Api, apiLog);
                break;
        }
    }

    private static async Task DeliveryAsync(HttpContext context, PushAuthentication push,
        Func<IReadOnlyDictionary<string, string>, byte[], CancellationToken, Task<DeliveryResult>> handle, ILogger logger)
    {
        if (await push.RejectAsync(context.Request) is { } refused)
        {
            logger.LogWarning("push to {Path} refused: {Reason}", context.Request.Path.Value, refused.Reason);
            context.Response.StatusCode = refused.Status;
            context.Response.ContentType = "application/json";
            await context.Response.Body.WriteAsync(ScoutJson.SerializeToUtf8(new { error = "unauthenticated", detail = refused.Reason }), context.RequestAborted);
            return;
        }
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, values) in context.Request.Headers) headers[name] = values.ToString();
        var result = await handle(headers, buffer.ToArray(), context.RequestAborted);
        var d = result.Delivery;
        logger.Log(result.Severity switch { "ERROR" => LogLevel.Error, "WARNING" => LogLevel.Warning, _ => LogLevel.Information },
            "analysis {Outcome} for upload {UploadId} of tenant {TenantId} (message {MessageId}, {Mode}, attempt {Attempt}): {Reason}",
            result.Outcome, d?.Message.UploadId, d?.Message.TenantId, d?.MessageId, d?.Mode, d?.DeliveryAttempt, result.Reason ?? "ok");
        context.Response.StatusCode = result.HttpStatus;
        context.Response.ContentType = "application/json";
        await context.Response.Body.WriteAsync(ScoutJson.SerializeToUtf8(new { outcome = result.Outcome, reason = result.Reason }), context.RequestAborted);
    }

    private static async Task RefreshAsync(HttpContext context, ScoutPlatform platform, GcpFunctionSettings settings, ILogger logger)
    {
        context.Response.ContentType = "application/json";
        if (settings.AdvisoryFeed == null)
        {
            logger.LogError("advisory refresh requested but SCOUT_ADVISORY_FEED is not set");
            context.Response.StatusCode = 503;
            await context.Response.Body.WriteAsync(ScoutJson.SerializeToUtf8(new { error = "not_configured", detail = "SCOUT_ADVISORY_FEED is not set" }));
            return;
        }
        try
        {
            // A non-2xx answer makes Cloud Scheduler retry per its retry config; the cursor only advances on success.
            var report = await ScheduledRefresh.RunAsync(token => platform.RefreshAdvisoriesAsync(settings.AdvisoryFeed, token),
                settings.RefreshPolls, platform.Options.Clock, context.RequestAborted);
            logger.LogInformation("advisory refresh: {AdvisoriesChanged} advisories changed, {ImagesReoverlaid} images re-overlaid in {ElapsedMs} ms",
                report.AdvisoriesChanged, report.ImagesReoverlaid, report.ElapsedMs);
            await context.Response.Body.WriteAsync(ScoutJson.SerializeToUtf8(report));
        }
        catch (NotSupportedException e)
        {
            context.Response.StatusCode = 501;
            await context.Response.Body.WriteAsync(ScoutJson.SerializeToUtf8(new { error = "not_implemented", detail = e.Message }));
        }
    }
}
