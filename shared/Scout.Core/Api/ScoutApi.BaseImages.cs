using Scout.Core.BaseImages;
using Scout.Core.Model;
using Scout.Core.Serialization;

namespace Scout.Core.Api;

// Base images and recommendations (DESIGN.md section 8): the image's base, origins of packages and findings,
// and remediation advice. A base in another tenant is shown only when that tenant is a catalog, and only by
// repository, tag, digest, layer count and finding counts.
public sealed partial class ScoutApi
{
    private BaseImageService BaseImages => new(Store, services.Clock);

    private Recommendations Recommendations => new(Store, services.VersionOrder ?? NoVersionOrder.Instance);

    private async Task<ImageViews.BaseImageDetail> BaseDetailAsync(TenantRecord tenant, StoredImage image, CancellationToken ct)
    {
        var facts = await BaseImages.LoadAsync(tenant.TenantId, image.Image.Digest, ct);
        if (facts?.Base is null) return new ImageViews.BaseImageDetail(facts?.View, null);
        var (_, findings) = await AttributeAsync(tenant.TenantId, image.Image.Digest, facts, ct);
        return new ImageViews.BaseImageDetail(facts.View, OriginAttribution.Counts(findings, facts));
    }

    private async Task<(IReadOnlyList<PackageRecord> Packages, IReadOnlyList<Finding> Findings)> AttributedAsync(
        TenantRecord tenant, string digest, CancellationToken ct) =>
        await AttributeAsync(tenant.TenantId, digest, await BaseImages.LoadAsync(tenant.TenantId, digest, ct), ct);

    private async Task<(IReadOnlyList<PackageRecord> Packages, IReadOnlyList<Finding> Findings)> AttributeAsync(
        string tenantId, string digest, BaseImageFacts? facts, CancellationToken ct)
    {
        var packages = OriginAttribution.Packages(await Store.GetPackagesAsync(tenantId, digest, ct), facts);
        var findings = OriginAttribution.Findings(await Store.GetFindingsAsync(tenantId, digest, ct), packages, facts);
        return (packages, findings);
    }

    private async Task<ApiResponse> GetRecommendationsAsync(TenantRecord tenant, string digest, CancellationToken ct)
    {
        await RequireImageAsync(tenant, digest, ct);
        var facts = await BaseImages.LoadAsync(tenant.TenantId, digest, ct);
        var findings = await Store.GetFindingsAsync(tenant.TenantId, digest, ct);
        var view = await Recommendations.BuildAsync(facts, findings, ct);
        return JsonAnswers.Json(200, view, Json.RecommendationsView);
    }

    private sealed class NoVersionOrder : Ports.IVersionOrder
    {
        public static readonly NoVersionOrder Instance = new();
        public int? Compare(string purlType, string a, string b) => null;
    }
}
