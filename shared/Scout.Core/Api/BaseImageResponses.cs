using System.Text.Json.Serialization;
using Scout.Core.Model;

namespace Scout.Core.Api;

// Response shapes of DESIGN.md section 8 (base images and recommendations).

/// <summary>An image's base: only repository, tag, digest, layer count and its bases are shown, whoever owns it.</summary>
public sealed record BaseImageView(string Digest,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? Repository,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? Tag,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] int? LayerCount, bool Catalog, IReadOnlyList<BaseChainEntryView> Chain);

public sealed record BaseChainEntryView(string Digest,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? Repository,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? Tag);

/// <summary>GET /v1/images/{digest} findingCounts: the buckets of <see cref="Model.FindingCounts"/> plus the split by origin (null without a base).</summary>
public sealed record FindingCountsView(int Critical, int High, int Medium, int Low, int Unknown, int Suppressed, int Indeterminate,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] OriginCountsView? ByOrigin)
{
    public static FindingCountsView From(IReadOnlyDictionary<string, int> counts, OriginCountsView? byOrigin) => new(
        counts.GetValueOrDefault(Severities.Critical), counts.GetValueOrDefault(Severities.High), counts.GetValueOrDefault(Severities.Medium),
        counts.GetValueOrDefault(Severities.Low), counts.GetValueOrDefault(Severities.Unknown),
        counts.GetValueOrDefault(Model.FindingCounts.Suppressed), counts.GetValueOrDefault(Model.FindingCounts.Indeterminate), byOrigin);

    public int GetValueOrDefault(string bucket) => bucket switch
    {
        Severities.Critical => Critical, Severities.High => High, Severities.Medium => Medium, Severities.Low => Low,
        Severities.Unknown => Unknown, Model.FindingCounts.Suppressed => Suppressed, Model.FindingCounts.Indeterminate => Indeterminate, _ => 0,
    };
}

public sealed record OriginCountsView(IReadOnlyDictionary<string, int> Base, IReadOnlyDictionary<string, int> Image);

/// <summary>GET /v1/images/{digest}/recommendations.</summary>
public sealed record RecommendationsView(BaseRecommendationView BaseImage, IReadOnlyList<PackageRecommendationView> Packages);

public sealed record BaseRecommendationView(
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] BaseImageView? Current, IReadOnlyList<BaseCandidateView> Candidates);

/// <param name="Kind">refresh (same tag, newer digest) | change (another tag)</param>
/// <param name="Delta">candidate minus current</param>
/// <param name="KeepsOsMajor">whether the candidate keeps the current base's OS family and major version (null when either is unknown)</param>
public sealed record BaseCandidateView(string Digest, string? Repository, string? Tag, string Kind, IReadOnlyDictionary<string, int> FindingCounts,
    SeverityDeltaView Delta, [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] bool? KeepsOsMajor);

public sealed record SeverityDeltaView(int Critical, int High, int Medium, int Low);

/// <param name="FixedVersion">the smallest version, by the ecosystem's own order, that fixes every fixable finding of the package</param>
/// <param name="Fixes">the finding ids it clears</param>
/// <param name="CriticalHigh">the smallest version fixing the critical and high findings, when it is smaller than <paramref name="FixedVersion"/></param>
public sealed record PackageRecommendationView(string Purl, string FixedVersion, IReadOnlyList<string> Fixes, PackageFixView? CriticalHigh);

public sealed record PackageFixView(string FixedVersion, IReadOnlyList<string> Fixes);
