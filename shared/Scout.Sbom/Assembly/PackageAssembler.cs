using System.Runtime.InteropServices;
using Scout.Core.Model;
using Scout.Purl;

namespace Scout.Sbom.Assembly;

/// <summary>
/// Turns a reader's raw packages into canonical records: purls canonicalized, OS components and the subject set
/// apart, dependency types from the graph, duplicates (same canonical purl) merged with all their locations.
/// </summary>
internal static class PackageAssembler
{
    /// <summary>A package to output (or merge): its purl if it has a valid one, its ref's number in the <see cref="RefIndex"/> (-1: none).</summary>
    internal readonly record struct Candidate(RawPackage Raw, PackageUrl? Purl, int Node);

    public const int MaxWarnings = 10_000;

    public static NormalizedSbom Assemble(RawSbom raw)
    {
        var warnings = new List<SbomWarning>(raw.Warnings);
        var subjectRef = raw.Subject?.Ref;
        var osComponents = new List<RawPackage>();
        // An array, not a List: List<T> over our own struct has no precompiled code (ReadyToRun) and would run unoptimized.
        var candidates = new Candidate[raw.Packages.Count];
        var candidateCount = 0;
        var subjectPurl = raw.Subject?.Purl is { } sp && PackageUrl.TryParse(sp, PurlParseMode.Lenient, out var parsedSubject, out _) ? parsedSubject.ToString() : null;
        var refs = new RefIndex(raw.Packages.Count + 1);
        if (subjectRef is not null) refs.Id(subjectRef);
        PackageUrl? previousPurl = null;

        foreach (var p in raw.Packages)
        {
            var node = -1;
            if (p.Ref is not null)
            {
                node = refs.Id(p.Ref, out var repeated);
                // CycloneDX readers check bom-ref uniqueness across all elements as they read (RawSbom.DeclareRef).
                if (repeated && p.Ref != subjectRef && raw.Format != "cyclonedx")
                    warnings.Add(new(p.Path, $"id '{p.Ref}' (bom-ref / SPDXID) is used by more than one element"));
                if (p.Ref == subjectRef) continue;
            }
            if (OsReleaseDetector.IsOperatingSystem(p))
            {
                osComponents.Add(p);
                if (node >= 0) refs.MarkGrouping(node);
                continue;
            }
            var purl = ParsePurl(p, previousPurl, warnings);
            previousPurl = purl ?? previousPurl;
            // Tools repeat the subject among the components (same purl, sometimes without a bom-ref link): it is not a package of itself.
            var canonical = purl?.ToString();
            if (canonical is not null && subjectPurl is not null && canonical == subjectPurl)
            {
                if (node >= 0) refs.MarkGrouping(node);
                continue;
            }
            if (purl is null && node >= 0) refs.MarkGrouping(node);
            candidates[candidateCount++] = new(p, purl, node);
        }
        var dependencyTypes = DependencyClassifier.Classify(raw, refs, declared: refs.Count, warnings);
        WarnMixedLicenseChoices(raw, warnings);

        var records = BuildRecords(candidates, candidateCount, dependencyTypes);
        var os = OsReleaseDetector.Detect(raw, osComponents, candidates, candidateCount);
        if (warnings.Count > MaxWarnings)
        {
            var omitted = warnings.Count - MaxWarnings;
            warnings.RemoveRange(MaxWarnings, omitted);
            warnings.Add(new("$", $"{omitted} more warnings omitted"));
        }
        return new NormalizedSbom
        {
            Format = raw.Format,
            SpecVersion = raw.SpecVersion,
            Subject = Subject(raw.Subject),
            Os = os,
            TotalPackages = records.Count,
            Packages = records,
            Warnings = warnings,
        };
    }

    /// <summary>
    /// One record per canonical purl (and per package without one), in order of first appearance, each merged from all
    /// its candidates. The groups are found first and then built one after the other by one builder: a builder object
    /// per package was 50,000 objects for a 50,000-package SBOM, and fresh memory is much of what assembly costs.
    /// </summary>
    private static List<PackageRecord> BuildRecords(Candidate[] candidates, int count, DependencyType[] dependencyTypes)
    {
        var firsts = new int[count]; // the first candidate of each group
        var groups = 0;
        var next = new int[count]; // the next candidate of the same purl, -1 after the last
        var last = new int[count]; // by first candidate: its group's last one so far
        var merged = new Dictionary<string, int>(count, StringComparer.Ordinal);
        for (var i = 0; i < count; i++)
        {
            next[i] = -1;
            if (candidates[i].Purl is { } purl)
            {
                // One lookup for both the merge and the insert of a new canonical purl.
                ref var first = ref CollectionsMarshal.GetValueRefOrAddDefault(merged, purl.ToString(), out var exists);
                if (exists)
                {
                    next[last[first]] = i;
                    last[first] = i;
                    continue;
                }
                first = i;
            }
            firsts[groups++] = i;
            last[i] = i;
        }

        var records = new List<PackageRecord>(groups);
        var builder = new PackageBuilder();
        var expressions = new LicenseFacts.ExpressionsSeen();
        for (var g = 0; g < groups; g++)
        {
            var first = firsts[g];
            var (p, purl, node) = candidates[first];
            builder.Start(p, purl, DependencyClassifier.Of(dependencyTypes, node), expressions);
            for (var i = next[first]; i >= 0; i = next[i])
                builder.Merge(candidates[i].Raw, DependencyClassifier.Of(dependencyTypes, candidates[i].Node), expressions);
            records.Add(builder.Build());
        }
        return records;
    }

    /// <param name="previous">the package before's purl: its namespace is likely this one's too (a distribution, a scope)</param>
    private static PackageUrl? ParsePurl(RawPackage p, PackageUrl? previous, List<SbomWarning> warnings)
    {
        if (string.IsNullOrWhiteSpace(p.Purl))
        {
            warnings.Add(new(p.Path, $"component '{Describe(p)}' has no purl; kept without one"));
            return null;
        }
        // Components equal to the package's own fields are those strings: no second copy of each name and version.
        var hints = new PurlComponentHints(p.Group ?? previous?.Namespace, p.Name, p.Version);
        if (PackageUrl.TryParse(p.Purl, PurlParseMode.Lenient, hints, out var purl, out var error)) return purl;
        warnings.Add(new(p.Path, $"component '{Describe(p)}' has an invalid purl '{p.Purl}' ({error?.Message}); kept without one"));
        return null;
    }

    private static string Describe(RawPackage p) =>
        (p.Group is null ? "" : p.Group + "/") + (p.Name ?? p.Ref ?? "?") + (p.Version is null ? "" : "@" + p.Version);

    private static void WarnMixedLicenseChoices(RawSbom raw, List<SbomWarning> warnings)
    {
        if (raw.MixedLicenseChoices.Count == 0) return;
        if (Version.TryParse(raw.SpecVersion, out var version) && version >= new Version(1, 7)) return;
        foreach (var path in raw.MixedLicenseChoices)
            warnings.Add(new(path, "licenses mixes an expression with other entries (before CycloneDX 1.7 the schema allows one expression or a list of licenses)"));
    }

    private static SbomSubject? Subject(RawPackage? s)
    {
        if (s is null) return null;
        string? purl = null;
        if (s.Purl is not null && PackageUrl.TryParse(s.Purl, PurlParseMode.Lenient, out var parsed, out _)) purl = parsed.ToString();
        return new SbomSubject { Name = s.Name, Version = s.Version, Purl = purl, Type = s.Kind };
    }
}
