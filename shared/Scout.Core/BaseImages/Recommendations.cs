using Scout.Core.Api;
using Scout.Core.Model;
using Scout.Core.Ports;

namespace Scout.Core.BaseImages;

/// <summary>
/// Remediation advice (DESIGN.md section 8): other catalog tags of the base's repository, best first (fewer critical,
/// then high findings), and per vulnerable package the smallest version, by the ecosystem's own order, that fixes
/// all of its fixable findings (and the smallest that fixes the critical/high ones, when smaller).
/// </summary>
public sealed class Recommendations(IScoutStore store, IVersionOrder versions)
{
    public async Task<RecommendationsView> BuildAsync(BaseImageFacts? facts, IReadOnlyList<Finding> findings, CancellationToken ct = default) =>
        new(new BaseRecommendationView(facts?.View, await CandidatesAsync(facts, ct)), Packages(findings));

    private async Task<IReadOnlyList<BaseCandidateView>> CandidatesAsync(BaseImageFacts? facts, CancellationToken ct)
    {
        if (facts?.Base is not { } current || facts.View.Repository is not { } repository) return [];
        var currentCounts = current.FindingCounts;
        var candidates = new List<(BaseCandidateView View, DateTimeOffset When)>();
        foreach (var entry in (await store.ListCatalogImagesAsync(repository, ct)).DistinctBy(e => e.Digest))
        {
            if (entry.Digest == current.Image.Digest) continue;
            var image = await store.GetImageAsync(entry.TenantId, entry.Digest, ct);
            if (image is null) continue;
            var refresh = entry.Tag == facts.View.Tag;
            // A refresh is a newer digest of the same tag; an older one is no recommendation.
            if (refresh && Built(image) <= Built(current)) continue;
            var counts = Buckets(image.FindingCounts);
            candidates.Add((new BaseCandidateView(entry.Digest, repository, entry.Tag, refresh ? "refresh" : "change", counts,
                new SeverityDeltaView(
                    counts[Severities.Critical] - currentCounts.GetValueOrDefault(Severities.Critical),
                    counts[Severities.High] - currentCounts.GetValueOrDefault(Severities.High),
                    counts[Severities.Medium] - currentCounts.GetValueOrDefault(Severities.Medium),
                    counts[Severities.Low] - currentCounts.GetValueOrDefault(Severities.Low)),
                KeepsOsMajor(current, image)), Built(image)));
        }
        return [.. candidates
            .OrderBy(c => c.View.FindingCounts[Severities.Critical]).ThenBy(c => c.View.FindingCounts[Severities.High])
            .ThenBy(c => c.View.Kind == "refresh" ? 0 : 1).ThenBy(c => c.View.FindingCounts[Severities.Medium])
            .ThenBy(c => c.View.FindingCounts[Severities.Low]).ThenByDescending(c => c.When)
            .ThenBy(c => c.View.Digest, StringComparer.Ordinal)
            .Select(c => c.View)];
    }

    private static DateTimeOffset Built(StoredImage image) => image.Image.CreatedAt ?? image.AnalyzedAt;

    private static Dictionary<string, int> Buckets(IReadOnlyDictionary<string, int> counts)
    {
        var all = FindingCounts.Empty();
        foreach (var (k, v) in counts) all[k] = v;
        return all;
    }

    /// <summary>Same OS family (os-release id) and major version; null when either side does not say.</summary>
    private static bool? KeepsOsMajor(StoredImage current, StoredImage candidate)
    {
        var (a, b) = (OsOf(current), OsOf(candidate));
        if (a is null || b is null) return null;
        return a.Value.Family == b.Value.Family && a.Value.Major == b.Value.Major;
    }

    private static (string Family, string Major)? OsOf(StoredImage image)
    {
        var family = image.SbomOs?.Id;
        var version = image.SbomOs?.Version ?? image.Image.Os?.Version;
        if (string.IsNullOrEmpty(family) || string.IsNullOrEmpty(version)) return null;
        var dot = version.IndexOf('.');
        return (family.ToLowerInvariant(), dot > 0 ? version[..dot] : version);
    }

    /// <summary>Per vulnerable package with fixable findings: the smallest version clearing them all.</summary>
    public IReadOnlyList<PackageRecommendationView> Packages(IReadOnlyList<Finding> findings)
    {
        var result = new List<(PackageRecommendationView View, int Worst)>();
        foreach (var group in findings.Where(f => f.Kind == FindingKinds.Vulnerability && !f.Suppressed && f.Purl is not null && f.FixedVersions.Count > 0)
                     .GroupBy(f => f.Purl!, StringComparer.Ordinal))
        {
            var type = PurlType(group.Key);
            if (type is null) continue;
            var fixes = new List<(Finding Finding, string Fix)>();
            foreach (var f in group)
                if (SmallestFix(type, f) is { } fix) fixes.Add((f, fix));
            if (fixes.Count == 0) continue;
            var all = Max(type, fixes.Select(x => x.Fix));
            if (all is null) continue;
            PackageFixView? criticalHigh = null;
            var severe = fixes.Where(x => Severities.Rank(x.Finding.Severity) >= Severities.Rank(Severities.High)).ToList();
            if (severe.Count > 0 && Max(type, severe.Select(x => x.Fix)) is { } severeFix && versions.Compare(type, severeFix, all) < 0)
                criticalHigh = new PackageFixView(severeFix, Cleared(type, fixes, severeFix));
            result.Add((new PackageRecommendationView(group.Key, all, Cleared(type, fixes, all), criticalHigh),
                group.Max(f => Severities.Rank(f.Severity))));
        }
        return [.. result.OrderByDescending(r => r.Worst).ThenBy(r => r.View.Purl, StringComparer.Ordinal).Select(r => r.View)];
    }

    /// <summary>The finding's smallest fixed version above the installed one; null when the ecosystem cannot order them.</summary>
    private string? SmallestFix(string type, Finding finding)
    {
        string? best = null;
        foreach (var v in finding.FixedVersions)
        {
            if (finding.InstalledVersion is { } installed)
            {
                var above = versions.Compare(type, v, installed);
                if (above is null) return null;
                if (above <= 0) continue;
            }
            if (best is null) { best = v; continue; }
            var order = versions.Compare(type, v, best);
            if (order is null) return null;
            if (order < 0) best = v;
        }
        return best;
    }

    private string? Max(string type, IEnumerable<string> candidates)
    {
        string? max = null;
        foreach (var v in candidates)
        {
            if (max is null) { max = v; continue; }
            var order = versions.Compare(type, v, max);
            if (order is null) return null;
            if (order > 0) max = v;
        }
        return max;
    }

    private List<string> Cleared(string type, List<(Finding Finding, string Fix)> fixes, string version) =>
        [.. fixes.Where(x => versions.Compare(type, x.Fix, version) <= 0).Select(x => x.Finding.Id).Distinct().Order(StringComparer.Ordinal)];

    private static string? PurlType(string purl)
    {
        if (!purl.StartsWith("pkg:", StringComparison.Ordinal)) return null;
        var slash = purl.IndexOf('/', 4);
        return slash > 4 ? purl[4..slash].ToLowerInvariant() : null;
    }
}
