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

public sealed record ApiGatewayHttpRequestContext
{
    [JsonPropertyName("accountId")] public string? AccountId { get; init; }
    [JsonPropertyName("apiId")] public string? ApiId { get; init; }
    [JsonPropertyName("domainName")] public string? DomainName { get; init; }
    [JsonPropertyName("requestId")] public string? RequestId { get; init; }
    [JsonPropertyName("routeKey")] public string? RouteKey { get; init; }
    [JsonPropertyName("stage")] public string? Stage { get; init; }
    [JsonPropertyName("time")] public string? Time { get; init; }
    [JsonPropertyName("timeEpoch")] public long TimeEpoch { get; init; }
    [JsonPropertyName("http")] public ApiGatewayHttpDescription? Http { get; init; }
}

public sealed record ApiGatewayHttpDescription
{
    [JsonPropertyName("method")] public string? Method { get; init; }
    [JsonPropertyName("path")] public string? Path { get; init; }
    [JsonPropertyName("protocol")] public string? Protocol { get; init; }
    [JsonPropertyName("sourceIp")] public string? SourceIp { get; init; }
    [JsonPropertyName("userAgent")] public string? UserAgent { get; init; }
}

/// <summary>The structured response API Gateway expects from a payload 2.0 integration.</summary>
public sealed record ApiGatewayHttpResponse
{
    [JsonPropertyName("statusCode")] public int StatusCode { get; init; }
    [JsonPropertyName("headers")] public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();
    [JsonPropertyName("body")] public string? Body { get; init; }
    [JsonPropertyName("isBase64Encoded")] public bool IsBase64Encoded { get; init; }
}

/// <summary>An EventBridge (CloudWatch Events) scheduled event.</summary>
public sealed record ScheduledEvent
{
    [JsonPropertyName("version")] public string? Version { get; init; }
    [JsonPropertyName("id")] public string? Id { get; init; }
    [JsonPropertyName("detail-type")] public string? DetailType { get; init; }
    [JsonPropertyName("source")] public string? Source { get; init; }
    [JsonPropertyName("account")] public string? Account { get; init; }
    [JsonPropertyName("time")] public DateTimeOffset? Time { get; init; }
    [JsonPropertyName("region")] public string? Region { get; init; }
    [JsonPropertyName("resources")] public IReadOnlyList<string> Resources { get; init; } = [];
}

/// <summary>What the AdvisoryRefresh function returns (and logs): the refresh summary of DESIGN.md.</summary>
public sealed record AdvisoryRefreshResult
{
    [JsonPropertyName("advisoriesChanged")] public int AdvisoriesChanged { get; init; }
    [JsonPropertyName("imagesReoverlaid")] public int ImagesReoverlaid { get; init; }
    [JsonPropertyName("findingsAdded")] public int FindingsAdded { get; init; }
    [JsonPropertyName("findingsChanged")] public int FindingsChanged { get; init; }
    [JsonPropertyName("findingsResolved")] public int FindingsResolved { get; init; }
    [JsonPropertyName("elapsedMs")] public long ElapsedMs { get; init; }
}

/// <summary>The Runtime API error document.</summary>
public sealed record LambdaError
{
    [JsonPropertyName("errorMessage")] public required string ErrorMessage { get; init; }
    [JsonPropertyName("errorType")] public required string ErrorType { get; init; }
    [JsonPropertyName("stackTrace")] public IReadOnlyList<string> StackTrace { get; init; } = [];
}

[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ApiGatewayHttpRequest))]
[JsonSerializable(typeof(ApiGatewayHttpResponse))]
[JsonSerializable(typeof(ScheduledEvent))]
[JsonSerializable(typeof(AdvisoryRefreshResult))]
[JsonSerializable(typeof(LambdaError))]
public sealed partial class LambdaJson : JsonSerializerContext;
