using Scout.Core.Api;
using Scout.Core.BaseImages;
using Scout.Core.Ports;
using Scout.Core.UseCases;

namespace Scout.Hosting;

/// <summary>
/// Local analysis over the platform's live index: the index is brought up to the store's advisories first (as queue
/// analysis does), then the purls are matched; for a known caller the base image and recommendations (DESIGN.md
/// section 8) are added from its own images and the catalogs. Reads only: nothing the caller sends is stored.
/// </summary>
public sealed class LocalAnalyzer(Advisories.AdvisoryServices advisories, IndexFreshness? freshness, IScoutStore store, IClock clock) : ILocalAnalyzer
{
    public async Task<LocalAnalysisView> AnalyzeAsync(LocalAnalysisInput input, CancellationToken ct = default)
    {
        if (freshness is not null) await freshness.EnsureFreshAsync(ct);
        var result = await advisories.LocalAnalysis.AnalyzeAsync(new LocalAnalysisRequest(input.Purls, input.LayerDigests), ct);
        var view = new LocalAnalysisView(result.Packages, result.Findings, result.Warnings);
        return input.TenantId is null ? view : await WithBaseImageAsync(input.TenantId, input.LayerDigests, view, ct);
    }

    private async Task<LocalAnalysisView> WithBaseImageAsync(string tenantId, IReadOnlyList<string> layers, LocalAnalysisView view, CancellationToken ct)
    {
        var service = new BaseImageService(store, clock);
        var link = layers.Count == 0 ? null : await service.DetectAsync(tenantId, layers, null, ct: ct);
        var facts = link is null ? null : await service.FactsAsync(tenantId, link, ct);
        var packages = OriginAttribution.Packages(view.Packages, facts);
        var findings = OriginAttribution.Findings(view.Findings, packages, facts);
        var recommendations = await new Recommendations(store, NativeVersionOrder.Instance).BuildAsync(facts, findings, ct);
        return view with { Packages = packages, Findings = findings, BaseImage = facts?.View, Recommendations = recommendations };
    }
}
