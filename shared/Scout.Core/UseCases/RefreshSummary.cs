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
    /// <summary>Time spent reading the feed (listings, records, archives).</summary>
    public long FeedMs { get; init; }
    /// <summary>Time spent storing advisories and re-overlaying the images they touch.</summary>
    public long ReoverlayMs { get; init; }
    /// <summary>Records that could not be used in this run (fetch or parse failures, new or retried): kept for the next.</summary>
    public int RecordsFailed { get; init; }
    /// <summary>Images whose re-overlay failed (the reason is recorded on the image); the refresh went on without them.</summary>
    public int ImagesFailed { get; init; }
    /// <summary>Images whose re-overlay is still to be retried after this run (ReoverlayRetries.cs); every refresh retries them.</summary>
    public int ImagesPendingRetry { get; init; }
    /// <summary>Records reported and skipped by the feed (malformed JSON, schema violations). Not part of the JSON summary.</summary>
    [JsonIgnore]
    public IReadOnlyList<string> Errors { get; init; } = [];
    /// <summary>Records used in part (entries left out, `modified` assumed). Not part of the JSON summary.</summary>
    [JsonIgnore]
    public IReadOnlyList<string> Warnings { get; init; } = [];
}
