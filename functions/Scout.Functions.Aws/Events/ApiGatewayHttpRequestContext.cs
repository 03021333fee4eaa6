using System.Text.Json.Serialization;

namespace Scout.Functions.Aws.Events;

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
