using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using Scout.Core.Api;

namespace Scout.Hosting.AspNetCore;

/// <summary>Maps ASP.NET Core requests onto the host-neutral ScoutApi (used by `scout serve` and the Cloud Run host).</summary>
public static class AspNetApiBridge
{
    /// <summary>
    /// Routes every path to the API. The body is not read here: ScoutApi reads it through <see cref="ApiRequest.BodyReader"/>
    /// after authentication, bounded by its own cap (RequestBody.CapFor), so an anonymous caller's body is never buffered.
    /// </summary>
    public static IEndpointConventionBuilder MapScoutApi(this IEndpointRouteBuilder endpoints, ScoutApi api, Action<string, Exception> log) =>
        endpoints.Map("/{**path}", (HttpContext context) => HandleAsync(context, api, log));

    public static async Task HandleAsync(HttpContext context, ScoutApi api, Action<string, Exception> log)
    {
        var response = await ApiHostGuard.HandleAsync(api.HandleAsync, ToApiRequest(context),
            (r, e) => log($"request {r.RequestId} {r.Method} {r.Path}", e), context.RequestAborted);
        await WriteAsync(context, response);
    }

    public static ApiRequest ToApiRequest(HttpContext context)
    {
        var sizeFeature = context.Features.Get<IHttpMaxRequestBodySizeFeature>();
        if (sizeFeature is { IsReadOnly: false }) sizeFeature.MaxRequestBodySize = null; // RequestBody.CapFor is the cap
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, values) in context.Request.Headers) headers[name] = values.ToString();
        var query = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, values) in context.Request.Query) query[name] = values.ToString();
        return new ApiRequest
        {
            Method = context.Request.Method,
            Path = Uri.UnescapeDataString(context.Request.Path.Value ?? "/"),
            Query = query,
            Headers = headers,
            BodyReader = (max, ct) => ReadBodyAsync(context, max, ct),
            RequestId = context.TraceIdentifier,
        };
    }

    private static async Task<ReadOnlyMemory<byte>> ReadBodyAsync(HttpContext context, long maxBytes, CancellationToken ct)
    {
        try
        {
            return await RequestBody.ReadBoundedAsync(context.Request.Body, context.Request.ContentLength, maxBytes, ct);
        }
        catch (BadHttpRequestException e)
        {
            throw KestrelRejections.ErrorFor(e); // malformed framing (chunked encoding, length mismatch), a body timeout: the caller's
        }
    }

    public static async Task WriteAsync(HttpContext context, ApiResponse response)
    {
        context.Response.StatusCode = response.Status;
        context.Response.ContentType = response.ContentType;
        foreach (var (name, value) in response.Headers) context.Response.Headers[name] = value;
        await context.Response.Body.WriteAsync(response.Body, context.RequestAborted);
    }

    /// <summary>
    /// The 500 middleware of the ASP.NET hosts, for what runs outside ScoutApi (queue and refresh endpoints): the same
    /// body as <see cref="ApiHostGuard"/>, the exception to the log only.
    /// </summary>
    public static IApplicationBuilder UseInternalErrors(this IApplicationBuilder app, Action<HttpContext, Exception> log) =>
        app.Use(async (context, next) =>
        {
            try
            {
                await next(context);
            }
            catch (Exception e) when (!context.Response.HasStarted && !context.RequestAborted.IsCancellationRequested)
            {
                log(context, e);
                await WriteAsync(context, ApiError.Internal(context.TraceIdentifier));
            }
        });
}
