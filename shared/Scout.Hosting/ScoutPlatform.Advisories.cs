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

    /// <summary>One incremental refresh from an OSV-layout feed: changed advisories, then re-overlay of affected images only.</summary>
    public Task<RefreshSummary> RefreshAdvisoriesAsync(Uri feed, CancellationToken ct = default) =>
        WithTrendAsync(Advisories.Refresh!.RefreshAsync(Advisories.OpenFeed(feed.ToString()), ct), ct);

    /// <summary>Imports advisories from a directory or all.zip (new or changed since the last import), then re-overlays affected images.</summary>
    public Task<RefreshSummary> ImportAdvisoriesAsync(string path, CancellationToken ct = default) =>
        WithTrendAsync(Advisories.Refresh!.RefreshAsync(Advisories.OpenFeed(Path.GetFullPath(path)), ct), ct);

    /// <summary>Re-matches every stored image from scratch (recovery; the baseline incremental refresh is measured against).</summary>
    public Task<RefreshSummary> RescanAllAsync(CancellationToken ct = default) => WithTrendAsync(Advisories.Rescan!.RescanAllAsync(ct), ct);

    /// <summary>
    /// A refresh records the trend of the tenants whose findings it changed, so its cost follows the images it touched,
    /// not every stored image; a full re-scan, which does not say, records every tenant's.
    /// </summary>
    private async Task<RefreshSummary> WithTrendAsync(Task<RefreshSummary> run, CancellationToken ct)
    {
        var summary = await run;
        if (summary.ImagesReoverlaid == 0) return summary;
        if (summary.TenantsChanged is not { } tenants) await Trend.RecordAllAsync(ct);
        else foreach (var tenant in tenants.Order(StringComparer.Ordinal)) await Trend.RecordAsync(tenant, ct);
        return summary;
    }
}
