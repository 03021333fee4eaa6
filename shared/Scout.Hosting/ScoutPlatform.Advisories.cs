using Scout.Core.Api;
using Scout.Core.Model;
using Scout.Core.UseCases;

namespace Scout.Hosting;

// The advisory use cases (refresh, rescan, local analysis) share the platform's live index, so an import or a
// scheduled refresh is seen at once by queue analysis and by the API.
public sealed partial class ScoutPlatform
{
    private Advisories.AdvisoryServices Advisories =>
        Components.Advisories ?? throw new ApiError(501, "not_implemented", "this platform was built without the advisory services");

    private async Task<LocalAnalysisView> AnalyzeLocalAsync(LocalAnalysisInput input, CancellationToken ct)
    {
        var result = Advisories.LocalAnalysis.Analyze(new LocalAnalysisRequest(input.Purls, input.LayerDigests));
        var view = new LocalAnalysisView(result.Packages, result.Findings, result.Warnings);
        // Base detection and recommendations only read: local analysis still writes nothing.
        return input.TenantId is null ? view : await BaseImageAdvice.ForLocalAnalysisAsync(Store, Options.Clock, input.TenantId, input.LayerDigests, view, ct);
    }

    private async Task ReoverlayImageAsync(string tenantId, string digest, CancellationToken ct)
    {
        if (Components.Advisories?.Rescan is { } rescan) await rescan.RescanImageAsync(new ImageRef(tenantId, digest), ct);
    }

    /// <summary>One incremental refresh from an OSV-layout feed: changed advisories, then re-overlay of affected images only.</summary>
    public Task<RefreshSummary> RefreshAdvisoriesAsync(Uri feed, CancellationToken ct = default) =>
        Advisories.Refresh!.RefreshAsync(Advisories.OpenFeed(feed.ToString()), ct);

    /// <summary>Imports advisories from a directory or all.zip (new or changed since the last import), then re-overlays affected images.</summary>
    public Task<RefreshSummary> ImportAdvisoriesAsync(string path, CancellationToken ct = default) =>
        Advisories.Refresh!.RefreshAsync(Advisories.OpenFeed(Path.GetFullPath(path)), ct);

    /// <summary>Re-matches every stored image from scratch (recovery; the baseline incremental refresh is measured against).</summary>
    public Task<RefreshSummary> RescanAllAsync(CancellationToken ct = default) => Advisories.Rescan!.RescanAllAsync(ct);
}
