using Scout.Core.Model;

namespace Scout.Advisories.Matching;

/// <summary>
/// Merges advisory hits for one package into one finding per vulnerability: hits whose ids/aliases/upstream overlap are one
/// vulnerability. The preferred id is the lowest CVE id, else the lowest GHSA id, else the lowest id (stable across
/// runs). Affected beats indeterminate; fixed versions are united; the worst severity wins.
/// </summary>
public static class FindingMerger
{
    public static IReadOnlyList<Finding> Merge(PackageRecord package, List<AdvisoryHit> hits, string snapshot)
    {
        var groups = hits.Count == 1 ? [hits] : GroupByVulnerability(hits);
        var findings = new List<Finding>(groups.Count);
        foreach (var group in groups)
        {
            if (group.Count == 1)
            {
                findings.Add(Single(package, group[0], snapshot));
                continue;
            }
            var affected = group.Where(h => h.Decision.Status == AffectedStatus.Affected).ToList();
            var decisive = affected.Count > 0 ? affected : group;
            var ids = group.SelectMany(h => h.Entry.Advisory.SameVulnerabilityIds).Distinct(StringComparer.Ordinal).ToList();
            var id = PreferredId(ids);
            var assessed = decisive.Select(h => (Hit: h, Sev: SeverityAssessor.Assess(h.Entry.Advisory, h.Entry.Affected)))
                .OrderByDescending(x => Severities.Rank(x.Sev.Severity)).ThenByDescending(x => x.Sev.Cvss?.Score ?? -1)
                .ThenBy(x => x.Hit.Entry.Advisory.Id, StringComparer.Ordinal).ToList();
            var primary = decisive.OrderBy(h => h.MatchType == "source-package" ? 0 : 1)
                .ThenByDescending(h => FixStateRules.FixedVersions(h.Entry.Affected).Any())
                .ThenBy(h => h.Entry.Advisory.Id, StringComparer.Ordinal).First();
            var indeterminate = affected.Count == 0;
            findings.Add(new Finding
            {
                Id = id,
                Aliases = ids.Where(x => x != id).Order(StringComparer.Ordinal).ToList(),
                Kind = indeterminate ? FindingKinds.Indeterminate : FindingKinds.Vulnerability,
                Purl = package.Purl,
                InstalledVersion = package.Version,
                AffectedRanges = decisive.Select(h => h.Decision.MatchedRange ?? FixStateRules.Describe(h.Entry.Affected)).Distinct().Order(StringComparer.Ordinal).ToList(),
                FixedVersions = decisive.SelectMany(h => FixStateRules.FixedVersions(h.Entry.Affected)).Distinct().Order(StringComparer.Ordinal).ToList(),
                FixState = FixStateRules.Of(primary.Entry.Affected),
                Severity = assessed[0].Sev.Severity,
                Cvss = assessed.Select(x => x.Sev.Cvss).FirstOrDefault(c => c?.Score != null) ?? assessed.Select(x => x.Sev.Cvss).FirstOrDefault(c => c != null),
                Source = primary.Entry.Source,
                Sources = group.Select(h => h.Entry.Source).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList() is { Count: > 1 } all ? all : null,
                AdvisoryModified = group.Max(h => h.Entry.Advisory.Modified),
                Snapshot = snapshot,
                MatchType = primary.MatchType,
                Detail = indeterminate ? string.Join("; ", group.Select(h => $"{h.Entry.Advisory.Id}: {h.Decision.Reason}").Distinct()) : null,
            });
        }
        return findings;
    }

    /// <summary>The common case, one advisory for the vulnerability: the same fields as the merge, without the sorting.</summary>
    private static Finding Single(PackageRecord package, AdvisoryHit hit, string snapshot)
    {
        var advisory = hit.Entry.Advisory;
        var ids = advisory.SameVulnerabilityIds.Distinct(StringComparer.Ordinal).ToList();
        var id = ids.Count == 1 ? ids[0] : PreferredId(ids);
        var (severity, cvss) = SeverityAssessor.Assess(advisory, hit.Entry.Affected);
        var indeterminate = hit.Decision.Status != AffectedStatus.Affected;
        if (ids.Count > 1) ids.Remove(id);
        else ids.Clear();
        if (ids.Count > 1) ids.Sort(StringComparer.Ordinal);
        var fixedVersions = FixStateRules.FixedVersions(hit.Entry.Affected).Distinct().ToList();
        if (fixedVersions.Count > 1) fixedVersions.Sort(StringComparer.Ordinal);
        return new Finding
        {
            Id = id,
            Aliases = ids,
            Kind = indeterminate ? FindingKinds.Indeterminate : FindingKinds.Vulnerability,
            Purl = package.Purl,
            InstalledVersion = package.Version,
            AffectedRanges = [hit.Decision.MatchedRange ?? FixStateRules.Describe(hit.Entry.Affected)],
            FixedVersions = fixedVersions,
            FixState = FixStateRules.Of(hit.Entry.Affected),
            Severity = severity,
            Cvss = cvss,
            Source = hit.Entry.Source,
            AdvisoryModified = advisory.Modified,
            Snapshot = snapshot,
            MatchType = hit.MatchType,
            Detail = indeterminate ? $"{advisory.Id}: {hit.Decision.Reason}" : null,
        };
    }

    public static string PreferredId(IReadOnlyCollection<string> ids) =>
        ids.Where(i => i.StartsWith("CVE-", StringComparison.Ordinal)).Order(CveOrder.Instance).FirstOrDefault()
        ?? ids.Where(i => i.StartsWith("GHSA-", StringComparison.Ordinal)).Order(StringComparer.Ordinal).FirstOrDefault()
        ?? ids.Order(StringComparer.Ordinal).First();

    private static List<List<AdvisoryHit>> GroupByVulnerability(List<AdvisoryHit> hits)
    {
        // Union-find over ids: two hits are the same vulnerability when any of their ids/aliases coincide.
        var parent = new Dictionary<string, string>(StringComparer.Ordinal);
        string Find(string x)
        {
            while (parent[x] != x) x = parent[x] = parent[parent[x]];
            return x;
        }
        foreach (var h in hits)
        {
            var ids = h.Entry.Advisory.SameVulnerabilityIds.ToList();
            foreach (var i in ids) parent.TryAdd(i, i);
            foreach (var i in ids.Skip(1))
            {
                var (a, b) = (Find(ids[0]), Find(i));
                if (a != b) parent[a] = b;
            }
        }
        return hits.GroupBy(h => Find(h.Entry.Advisory.Id)).Select(g => g.ToList()).OrderBy(g => g[0].Entry.Advisory.Id, StringComparer.Ordinal).ToList();
    }

    /// <summary>CVE ids by year then number, so CVE-2021-9999 sorts before CVE-2021-10000.</summary>
    private sealed class CveOrder : IComparer<string>
    {
        public static readonly CveOrder Instance = new();
        public int Compare(string? x, string? y)
        {
            var (xy, xn) = Parts(x!);
            var (yy, yn) = Parts(y!);
            var c = xy.CompareTo(yy);
            return c != 0 ? c : xn != yn ? xn.CompareTo(yn) : string.CompareOrdinal(x, y);
        }

        private static (long, long) Parts(string id)
        {
            var p = id.Split('-');
            return p.Length >= 3 && long.TryParse(p[1], out var year) && long.TryParse(p[2], out var n) ? (year, n) : (long.MaxValue, long.MaxValue);
        }
    }
}
