using Scout.Core.Api;

namespace Scout.Hosting;

/// <summary>Summary of an advisory import, refresh or rescan (DESIGN.md section 5, `--format json`).</summary>
public sealed record RefreshReport(int AdvisoriesChanged, int ImagesReoverlaid, int FindingsAdded, int FindingsChanged, int FindingsResolved, long ElapsedMs);

// The advisory use cases (refresh, rescan, local analysis) are wired here once Scout.Advisories provides them.
public sealed partial class ScoutPlatform
{
    private Task<object> AnalyzeLocalAsync(LocalAnalysisInput input, CancellationToken ct) =>
        throw new ApiError(501, "not_implemented", "local analysis is being built");

    private Task ReoverlayImageAsync(string tenantId, string digest, CancellationToken ct) => Task.CompletedTask;

    /// <summary>One incremental refresh from an OSV-layout feed: changed advisories, then re-overlay of affected images only.</summary>
    public Task<RefreshReport> RefreshAdvisoriesAsync(Uri feed, CancellationToken ct = default) =>
        throw new NotSupportedException("advisory refresh is being built");

    /// <summary>Imports advisories from a directory or zip, then re-overlays affected images.</summary>
    public Task<RefreshReport> ImportAdvisoriesAsync(string path, CancellationToken ct = default) =>
        throw new NotSupportedException("advisory import is being built");

    /// <summary>Re-matches every stored image from scratch (recovery; the baseline incremental refresh is measured against).</summary>
    public Task<RefreshReport> RescanAllAsync(CancellationToken ct = default) =>
        throw new NotSupportedException("rescan is being built");
}
