using System.Text.Json.Serialization;

namespace Scout.Functions.Aws.Events;

/// <summary>The structured response API Gateway expects from a payload 2.0 integration.</summary>
public sealed record ApiGatewayHttpResponse
{
    [JsonPropertyName("statusCode")] public int StatusCode { get; init; }
    [JsonPropertyName("headers")] public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();
    [JsonPropertyName("body")] public string? Body { get; init; }
    [JsonPropertyName("isBase64Encoded")] public bool IsBase64Encoded { get; init; }
}
