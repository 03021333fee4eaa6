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
    /// <summary>The tenants whose findings this run changed: the trend is recorded for them only (null: not known, as
    /// after a full re-scan; every tenant's trend is recorded). Not part of the JSON summary.</summary>
    [JsonIgnore]
    public IReadOnlyCollection<string>? TenantsChanged { get; init; }
    /// <summary>Records reported and skipped by the feed (malformed JSON, schema violations). Not part of the JSON summary.</summary>
    [JsonIgnore]
    public IReadOnlyList<string> Errors { get; init; } = [];
    /// <summary>Records used in part (entries left out, `modified` assumed). Not part of the JSON summary.</summary>
    [JsonIgnore]
    public IReadOnlyList<string> Warnings { get; init; } = [];

    /// <summary>This run followed by <paramref name="next"/> (several polls in one scheduled invocation): counts and
    /// times add up; what is still pending (records failed, images to retry) is the later run's.</summary>
    public RefreshSummary Then(RefreshSummary next) => new()
    {
        AdvisoriesChanged = AdvisoriesChanged + next.AdvisoriesChanged,
        ImagesReoverlaid = ImagesReoverlaid + next.ImagesReoverlaid,
        FindingsAdded = FindingsAdded + next.FindingsAdded,
        FindingsChanged = FindingsChanged + next.FindingsChanged,
        FindingsResolved = FindingsResolved + next.FindingsResolved,
        ElapsedMs = ElapsedMs + next.ElapsedMs,
        FeedMs = FeedMs + next.FeedMs,
        ReoverlayMs = ReoverlayMs + next.ReoverlayMs,
        RecordsFailed = next.RecordsFailed,
        ImagesFailed = ImagesFailed + next.ImagesFailed,
        ImagesPendingRetry = next.ImagesPendingRetry,
        Errors = [.. Errors, .. next.Errors],
        Warnings = [.. Warnings, .. next.Warnings],
        TenantsChanged = TenantsChanged is null || next.TenantsChanged is null ? null
            : TenantsChanged.Union(next.TenantsChanged, StringComparer.Ordinal).ToHashSet(StringComparer.Ordinal),
    };
}
