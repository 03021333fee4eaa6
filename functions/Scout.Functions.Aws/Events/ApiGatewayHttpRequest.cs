using System.Text.Json.Serialization;

namespace Scout.Functions.Aws.Events;

/// <summary>API Gateway HTTP API request, payload format 2.0 (the fields the handler reads).</summary>
public sealed record ApiGatewayHttpRequest
{
    [JsonPropertyName("version")] public string? Version { get; init; }
    [JsonPropertyName("routeKey")] public string? RouteKey { get; init; }
    [JsonPropertyName("rawPath")] public string? RawPath { get; init; }
    [JsonPropertyName("rawQueryString")] public string? RawQueryString { get; init; }
    [JsonPropertyName("cookies")] public IReadOnlyList<string>? Cookies { get; init; }
    /// <summary>Lower-case names; repeated headers arrive comma-joined.</summary>
    [JsonPropertyName("headers")] public IReadOnlyDictionary<string, string>? Headers { get; init; }
    [JsonPropertyName("queryStringParameters")] public IReadOnlyDictionary<string, string>? QueryStringParameters { get; init; }
    [JsonPropertyName("pathParameters")] public IReadOnlyDictionary<string, string>? PathParameters { get; init; }
    [JsonPropertyName("requestContext")] public ApiGatewayHttpRequestContext? RequestContext { get; init; }
    [JsonPropertyName("body")] public string? Body { get; init; }
    [JsonPropertyName("isBase64Encoded")] public bool IsBase64Encoded { get; init; }
}
