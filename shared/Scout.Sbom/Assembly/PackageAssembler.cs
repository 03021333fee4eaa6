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
        var candidates = new List<Candidate>(raw.Packages.Count);
        var subjectPurl = raw.Subject?.Purl is { } sp && PackageUrl.TryParse(sp, PurlParseMode.Lenient, out var parsedSubject, out _) ? parsedSubject.ToString() : null;
        var refs = new RefIndex(raw.Packages.Count + 1);
        if (subjectRef is not null) refs.Id(subjectRef);

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
            var purl = ParsePurl(p, warnings);
            // Tools repeat the subject among the components (same purl, sometimes without a bom-ref link): it is not a package of itself.
            var canonical = purl?.ToString();
            if (canonical is not null && subjectPurl is not null && canonical == subjectPurl)
            {
                if (node >= 0) refs.MarkGrouping(node);
                continue;
            }
            if (purl is null && node >= 0) refs.MarkGrouping(node);
            candidates.Add(new(p, purl, node));
        }
        var dependencyTypes = DependencyClassifier.Classify(raw, refs, declared: refs.Count, warnings);
        WarnMixedLicenseChoices(raw, warnings);

        var merged = new Dictionary<string, PackageBuilder>(candidates.Count, StringComparer.Ordinal);
        var packages = new List<PackageBuilder>(candidates.Count);
        var expressions = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (p, purl, node) in candidates)
        {
            var type = DependencyClassifier.Of(dependencyTypes, node);
            if (purl is null)
            {
                packages.Add(new PackageBuilder(p, purl, type, expressions));
                continue;
            }
            // One lookup for both the merge and the insert of a new canonical purl.
            ref var builder = ref CollectionsMarshal.GetValueRefOrAddDefault(merged, purl.ToString(), out var exists);
            if (exists)
            {
                builder!.Merge(p, type, expressions);
                continue;
            }
            builder = new PackageBuilder(p, purl, type, expressions);
            packages.Add(builder);
        }

        var records = new List<PackageRecord>(packages.Count);
        foreach (var builder in packages) records.Add(builder.Build());
        var os = OsReleaseDetector.Detect(raw, osComponents, candidates);
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

    private static PackageUrl? ParsePurl(RawPackage p, List<SbomWarning> warnings)
    {
        if (string.IsNullOrWhiteSpace(p.Purl))
        {
            warnings.Add(new(p.Path, $"component '{Describe(p)}' has no purl; kept without one"));
            return null;
        }
        if (PackageUrl.TryParse(p.Purl, PurlParseMode.Lenient, out var purl, out var error)) return purl;
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
