using System.Text.Json.Serialization;

namespace Scout.Functions.Aws.Events;

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
