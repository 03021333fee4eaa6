using System.Text.Json.Serialization;

namespace Scout.Functions.Aws.Events;

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
