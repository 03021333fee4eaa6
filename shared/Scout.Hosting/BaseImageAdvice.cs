using Scout.Core.Api;
using Scout.Core.BaseImages;
using Scout.Core.Ports;
using Scout.Versions;

namespace Scout.Hosting;

/// <summary>The ecosystems' own version orders (Scout.Versions) behind the Core port; an unknown purl type has none.</summary>
public sealed class VersionSchemeOrder : IVersionOrder
{
    public static readonly VersionSchemeOrder Instance = new();

    public int? Compare(string purlType, string a, string b) => VersionSchemes.ForEcosystem(purlType)?.Compare(a, b);
}

/// <summary>Base image and recommendations for a local analysis (DESIGN.md section 8): read-only.</summary>
public static class LocalBaseImageAdvice
{
    public static async Task<LocalAnalysisView> ForLocalAnalysisAsync(IScoutStore store, IClock clock, string tenantId,
        IReadOnlyList<string> layers, LocalAnalysisView view, CancellationToken ct)
    {
        var service = new BaseImageService(store, clock);
        var link = layers.Count == 0 ? null : await service.DetectAsync(tenantId, layers, null, ct: ct);
        var facts = link is null ? null : await service.FactsAsync(tenantId, link, ct);
        var packages = OriginAttribution.Packages(view.Packages, facts);
        var findings = OriginAttribution.Findings(view.Findings, packages, facts);
        var recommendations = await new Recommendations(store, VersionSchemeOrder.Instance).BuildAsync(facts, findings, ct);
        return view with { Packages = packages, Findings = findings, BaseImage = facts?.View, Recommendations = recommendations };
    }
}
