using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using Scout.Core.Api;
using Scout.Core.Serialization;

namespace Scout.Hosting.AspNetCore;

/// <summary>Maps ASP.NET Core requests onto the host-neutral ScoutApi (used by `scout serve` and the Cloud Run host).</summary>
public static class AspNetApiBridge
{
    /// <summary>Routes every path to the API. <paramref name="maxBodyBytes"/> bounds what is read from the wire.</summary>
    public static IEndpointConventionBuilder MapScoutApi(this IEndpointRouteBuilder endpoints, ScoutApi api, long maxBodyBytes) =>
        endpoints.Map("/{**path}", (HttpContext context) => HandleAsync(context, api, maxBodyBytes));

    public static async Task HandleAsync(HttpContext context, ScoutApi api, long maxBodyBytes)
    {
        var request = await ToApiRequestAsync(context, maxBodyBytes);
        var response = request is null
            ? ApiError.TooLarge($"body: larger than the {maxBodyBytes}-byte limit").ToResponse()
            : await api.HandleAsync(request, context.RequestAborted);
        await WriteAsync(context, response);
    }

    /// <summary>The request, or null when the body is over the cap (answered 413 without reading further).</summary>
    public static async Task<ApiRequest?> ToApiRequestAsync(HttpContext context, long maxBodyBytes)
    {
        var sizeFeature = context.Features.Get<IHttpMaxRequestBodySizeFeature>();
        if (sizeFeature is { IsReadOnly: false }) sizeFeature.MaxRequestBodySize = null; // we enforce our own cap below
        if (context.Request.ContentLength > maxBodyBytes) return null;
        using var body = new MemoryStream();
        var buffer = new byte[81920];
        int read;
        while ((read = await context.Request.Body.ReadAsync(buffer, context.RequestAborted)) > 0)
        {
            if (body.Length + read > maxBodyBytes) return null;
            body.Write(buffer, 0, read);
        }
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
            Body = body.ToArray(),
            RequestId = context.TraceIdentifier,
        };
    }

    public static async Task WriteAsync(HttpContext context, ApiResponse response)
    {
        context.Response.StatusCode = response.Status;
        context.Response.ContentType = response.ContentType;
        foreach (var (name, value) in response.Headers) context.Response.Headers[name] = value;
        await context.Response.Body.WriteAsync(response.Body, context.RequestAborted);
    }

    /// <summary>A 500 body that says nothing about internals; the exception goes to the log only.</summary>
    public static byte[] InternalError(string requestId) =>
        ScoutJson.SerializeToUtf8(new { error = "internal", detail = $"an internal error occurred; request id {requestId}" });
}
