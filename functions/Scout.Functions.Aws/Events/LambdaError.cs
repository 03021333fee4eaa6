using System.Text.Json.Serialization;

namespace Scout.Functions.Aws.Events;

/// <summary>The Runtime API error document.</summary>
public sealed record LambdaError
{
    [JsonPropertyName("errorMessage")] public required string ErrorMessage { get; init; }
    [JsonPropertyName("errorType")] public required string ErrorType { get; init; }
    [JsonPropertyName("stackTrace")] public IReadOnlyList<string> StackTrace { get; init; } = [];
}
