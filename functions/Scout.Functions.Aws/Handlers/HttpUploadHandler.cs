using System.Text;
using System.Text.Json;
using Scout.Core.Api;
using Scout.Core.UseCases;
using Scout.Hosting;
using Scout.Functions.Aws.Events;
using Scout.Functions.Aws.Runtime;

namespace Scout.Functions.Aws.Handlers;

/// <summary>API Gateway HTTP API (payload 2.0) -> the shared API handler -> API Gateway response.</summary>
public sealed class HttpUploadHandler(Func<ApiRequest, CancellationToken, Task<ApiResponse>> api, JsonLog log) : ILambdaHandler
{
    public async Task<byte[]> HandleAsync(LambdaInvocation invocation, CancellationToken ct)
    {
        var gatewayRequest = JsonSerializer.Deserialize(invocation.Payload, LambdaJson.Default.ApiGatewayHttpRequest)
            ?? throw new JsonException("the event is not an API Gateway HTTP API request");
        var request = ToApiRequest(gatewayRequest, invocation.RequestId);
        var response = await ApiHostGuard.HandleAsync(api, request,
            (r, e) => log.Error("unhandled API error", invocation.RequestId, ("error", e.GetType().Name), ("detail", e.Message)), ct);
        log.Info("http", invocation.RequestId, ("method", request.Method), ("path", request.Path), ("status", response.Status),
            ("apiRequestId", request.RequestId));
        return JsonSerializer.SerializeToUtf8Bytes(ToGatewayResponse(response), LambdaJson.Default.ApiGatewayHttpResponse);
    }

    public static ApiRequest ToApiRequest(ApiGatewayHttpRequest e, string? fallbackRequestId = null)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in e.Headers ?? new Dictionary<string, string>()) headers[name] = value;
        if (e.Cookies is { Count: > 0 } cookies) headers["cookie"] = string.Join("; ", cookies);
        var rawPath = e.RawPath ?? e.RequestContext?.Http?.Path ?? "/";
        return new ApiRequest
        {
            Method = (e.RequestContext?.Http?.Method ?? "GET").ToUpperInvariant(),
            Path = Uri.UnescapeDataString(rawPath),
            Query = e.QueryStringParameters?.ToDictionary(kv => kv.Key, kv => kv.Value) ?? new Dictionary<string, string>(),
            Headers = headers,
            // Decoded only when ScoutApi asks, after authentication, and refused past its cap before decoding.
            BodyReader = (max, _) => Task.FromResult(DecodeBody(e.Body, e.IsBase64Encoded, max)),
            RequestId = e.RequestContext?.RequestId ?? fallbackRequestId,
        };
    }

    private static ReadOnlyMemory<byte> DecodeBody(string? body, bool base64, long maxBytes)
    {
        if (body is null) return ReadOnlyMemory<byte>.Empty;
        // base64: at most 3 bytes per 4 characters, so the size is known before anything is decoded.
        long length = base64 ? body.Length / 4L * 3 - (body.EndsWith("==", StringComparison.Ordinal) ? 2 : body.EndsWith('=') ? 1 : 0)
            : Encoding.UTF8.GetByteCount(body);
        if (length > maxBytes) throw new PayloadTooLargeException($"body: {length} bytes exceeds the {maxBytes}-byte limit");
        if (!base64) return Encoding.UTF8.GetBytes(body);
        try
        {
            return Convert.FromBase64String(body);
        }
        catch (FormatException)
        {
            throw ApiError.BadRequest("body: isBase64Encoded is true but the body is not valid base64");
        }
    }

    /// <summary>Text bodies go as text; anything else (or anything content-encoded) goes base64.</summary>
    public static ApiGatewayHttpResponse ToGatewayResponse(ApiResponse response)
    {
        var headers = new Dictionary<string, string>(response.Headers, StringComparer.OrdinalIgnoreCase) { ["content-type"] = response.ContentType };
        var textual = !headers.ContainsKey("content-encoding") && IsText(response.ContentType);
        return new ApiGatewayHttpResponse
        {
            StatusCode = response.Status,
            Headers = headers,
            Body = textual ? Encoding.UTF8.GetString(response.Body.Span) : Convert.ToBase64String(response.Body.Span),
            IsBase64Encoded = !textual,
        };
    }

    private static bool IsText(string contentType)
    {
        var media = contentType.Split(';')[0].Trim().ToLowerInvariant();
        return media.StartsWith("text/", StringComparison.Ordinal) || media == "application/json" || media.EndsWith("+json", StringComparison.Ordinal)
            || media == "application/xml" || media.EndsWith("+xml", StringComparison.Ordinal);
    }
}
