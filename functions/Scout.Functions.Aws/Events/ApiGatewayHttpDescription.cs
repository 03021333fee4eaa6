using System.Text.Json.Serialization;

namespace Scout.Functions.Aws.Events;

public sealed record ApiGatewayHttpDescription
{
    [JsonPropertyName("method")] public string? Method { get; init; }
    [JsonPropertyName("path")] public string? Path { get; init; }
    [JsonPropertyName("protocol")] public string? Protocol { get; init; }
    [JsonPropertyName("sourceIp")] public string? SourceIp { get; init; }
    [JsonPropertyName("userAgent")] public string? UserAgent { get; init; }
}
