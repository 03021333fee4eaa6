using System.Collections.Immutable;
using Scout.Advisories.Index;
using Scout.Advisories.Osv;
using Scout.Advisories.Vex;
using Scout.Core.Model;
using Scout.Core.Ports;

namespace Scout.Advisories.Matching;

/// <summary>
/// Overlays OSV advisories on packages. OS packages are matched under their source package and distro release
/// (the ecosystem key carries the release, e.g. "Debian:12"), language packages under their ecosystem name.
/// Withdrawn advisories never match. Advisories for the same vulnerability (linked by aliases) become one finding
/// per package. A comparison that cannot be decided becomes an "indeterminate" finding, never a silent skip.
/// </summary>
public sealed class OsvAdvisoryMatcher(IAdvisoryEntries index, IPackageKeyResolver keys, IAffectedEvaluator evaluator) : IAdvisoryMatcher, IAdvisoryCatalog
{
    public IAdvisoryEntries Index => index;
    public int Count => index.Count;

    public IReadOnlyCollection<PackageKey> Apply(IReadOnlyList<StoredAdvisory> advisories) => index.Apply(advisories);

    public IReadOnlyList<PackageKey> KeysOf(PackageRecord package, OsRelease? os)
    {
        var k = keys.Resolve(package, os);
        if (k.Key == null) return k.SourceKey == null ? [] : [k.SourceKey];
        return k.SourceKey == null || k.SourceKey == k.Key ? [k.Key] : [k.Key, k.SourceKey];
    }

    /// <summary>Over an index that holds every advisory; an index read per package needs <see cref="OverlayAsync"/>.</summary>
    public OverlayResult Overlay(OverlayRequest request) => Overlay(request, index.Held
        ?? throw new InvalidOperationException("the advisory index is read from the store per package: call OverlayAsync"));

    public async Task<OverlayResult> OverlayAsync(OverlayRequest request, CancellationToken ct = default)
    {
        if (index.Held is { } held) return Overlay(request, held);
        var wanted = new HashSet<PackageKey>();
        foreach (var package in request.Packages)
        {
            if (package.Purl == null) continue;
            var k = keys.Resolve(package, request.Os);
            if (k.Key != null) wanted.Add(k.Key);
            if (k.SourceKey != null) wanted.Add(k.SourceKey);
        }
        return Overlay(request, await index.ReadAsync(wanted, ct));
    }

    private OverlayResult Overlay(OverlayRequest request, Func<PackageKey, ImmutableArray<IndexedEntry>> lookup)
    {
        var findings = new List<Finding>();
        var warnings = new List<SbomWarning>();
        var indexKeys = new HashSet<PackageKey>();
        var snapshot = index.Snapshot;
        for (var i = 0; i < request.Packages.Count; i++)
        {
            var package = request.Packages[i];
            var path = $"packages[{i}]";
            if (package.Purl == null)
            {
                warnings.Add(new SbomWarning(path, $"package {package.Name} has no purl: not matched against advisories"));
                continue;
            }
            var k = keys.Resolve(package, request.Os);
            if (k.Key == null && k.SourceKey == null)
            {
                warnings.Add(new SbomWarning(path, $"{package.Purl}: no advisory ecosystem ({k.UnmappedReason ?? "unmapped"})"));
                continue;
            }
            if (k.Key != null) indexKeys.Add(k.Key);
            if (k.SourceKey != null) indexKeys.Add(k.SourceKey);
            findings.AddRange(MatchPackage(package, k, snapshot, lookup, evaluator));
        }
        if (request.Vex.Count == 0) return new OverlayResult(findings, [.. indexKeys], warnings);
        // Parsed once per document and kept parsed; a stored document that cannot be read throws (the re-overlay
        // records it on its image alone, see ImageReoverlay), as VEX is validated on the way in.
        var statements = request.Vex.SelectMany(VexStatementCache.Shared.Statements).ToList();
        var (withVex, vexWarnings) = VexApplier.Apply(findings, statements, request.Image);
        warnings.AddRange(vexWarnings);
        return new OverlayResult(withVex, [.. indexKeys], warnings);
    }

    /// <summary>All findings for one package: hits per advisory, then merged per vulnerability.</summary>
    private static IReadOnlyList<Finding> MatchPackage(PackageRecord package, PackageKeys k, string snapshot,
        Func<PackageKey, ImmutableArray<IndexedEntry>> lookup, IAffectedEvaluator evaluator)
    {
        var hits = new List<AdvisoryHit>();
        var seen = new HashSet<(string, OsvAffected)>();
        var version = k.Version ?? package.Version;
        Collect(k.SourceKey, "source-package", k.SourceVersion ?? version);
        if (k.Key != k.SourceKey) Collect(k.Key, "ecosystem-name", version);
        return hits.Count == 0 ? [] : FindingMerger.Merge(package, hits, snapshot);

        void Collect(PackageKey? key, string matchType, string? version)
        {
            if (key == null) return;
            foreach (var entry in lookup(key))
            {
                if (entry.Advisory.Withdrawn != null || !seen.Add((entry.Advisory.Id, entry.Affected))) continue;
                var decision = version == null
                    ? new AffectedDecision(AffectedStatus.Indeterminate, "the package has no version", null)
                    : evaluator.Evaluate(entry.Affected.Package!.Ecosystem, version, entry.Affected);
                if (decision.Status != AffectedStatus.NotAffected)
                    hits.Add(new AdvisoryHit(entry, decision, decision.Status == AffectedStatus.Indeterminate ? "indeterminate-version" : matchType));
            }
        }
    }
}

/// <summary>One advisory entry that matched (or could not be decided for) a package.</summary>
public sealed record AdvisoryHit(IndexedEntry Entry, AffectedDecision Decision, string MatchType);
