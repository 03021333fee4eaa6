using System.Text.Json.Serialization;

namespace Scout.Core.UseCases;

/// <summary>What an advisory refresh, import or full re-scan did (printed by the CLI with --format json).</summary>
public sealed record RefreshSummary
{
    public int AdvisoriesChanged { get; init; }
    public int ImagesReoverlaid { get; init; }
    public int FindingsAdded { get; init; }
    public int FindingsChanged { get; init; }
    public int FindingsResolved { get; init; }
    public long ElapsedMs { get; init; }
    /// <summary>Records reported and skipped by the feed (malformed JSON, schema violations). Not part of the JSON summary.</summary>
    [JsonIgnore]
    public IReadOnlyList<string> Errors { get; init; } = [];
}
