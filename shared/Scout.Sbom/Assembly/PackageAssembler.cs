using Scout.Core.Model;
using Scout.Purl;

namespace Scout.Sbom.Assembly;

/// <summary>
/// Turns a reader's raw packages into canonical records: purls canonicalized, OS components and the subject set
/// apart, dependency types from the graph, duplicates (same canonical purl) merged with all their locations.
/// </summary>
internal static class PackageAssembler
{
    public const int MaxWarnings = 10_000;

    public static NormalizedSbom Assemble(RawSbom raw)
    {
        var warnings = new List<SbomWarning>(raw.Warnings);
        var subjectRef = raw.Subject?.Ref;
        var osComponents = new List<RawPackage>();
        var candidates = new List<(RawPackage Raw, PackageUrl? Purl)>(raw.Packages.Count);
        var grouping = new HashSet<string>(StringComparer.Ordinal);
        var subjectPurl = raw.Subject?.Purl is { } sp && PackageUrl.TryParse(sp, PurlParseMode.Lenient, out var parsedSubject, out _) ? parsedSubject.ToString() : null;
        var refs = new HashSet<string>(raw.Packages.Count + 1, StringComparer.Ordinal);
        if (subjectRef is not null) refs.Add(subjectRef);

        foreach (var p in raw.Packages)
        {
            // CycloneDX readers check bom-ref uniqueness across all elements as they read (RawSbom.DeclareRef).
            if (p.Ref is not null && !refs.Add(p.Ref) && p.Ref != subjectRef && raw.Format != "cyclonedx")
                warnings.Add(new(p.Path, $"id '{p.Ref}' (bom-ref / SPDXID) is used by more than one element"));
            if (p.Ref is not null && p.Ref == subjectRef) continue;
            if (OsReleaseDetector.IsOperatingSystem(p))
            {
                osComponents.Add(p);
                if (p.Ref is not null) grouping.Add(p.Ref);
                continue;
            }
            var purl = ParsePurl(p, warnings);
            // Tools repeat the subject among the components (same purl, sometimes without a bom-ref link): it is not a package of itself.
            if (purl is not null && subjectPurl is not null && purl.ToString() == subjectPurl)
            {
                if (p.Ref is not null) grouping.Add(p.Ref);
                continue;
            }
            if (purl is null && p.Ref is not null) grouping.Add(p.Ref);
            candidates.Add((p, purl));
        }
        WarnDanglingEdges(raw, refs, warnings);
        WarnMixedLicenseChoices(raw, warnings);

        var dependencyTypes = DependencyClassifier.Classify(raw, grouping.Contains);
        var merged = new Dictionary<string, PackageBuilder>(candidates.Count, StringComparer.Ordinal);
        var packages = new List<PackageBuilder>(candidates.Count);
        var expressions = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (p, purl) in candidates)
        {
            var type = dependencyTypes.Of(p.Ref);
            var canonical = purl?.ToString();
            if (canonical is not null && merged.TryGetValue(canonical, out var existing))
            {
                existing.Merge(p, type, expressions);
                continue;
            }
            var builder = new PackageBuilder(p, purl, type, expressions);
            packages.Add(builder);
            if (canonical is not null) merged[canonical] = builder;
        }

        var records = new List<PackageRecord>(packages.Count);
        foreach (var builder in packages) records.Add(builder.Build());
        var os = OsReleaseDetector.Detect(raw, osComponents, candidates.Where(c => c.Purl is not null).Select(c => c.Purl!));
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

    private static void WarnDanglingEdges(RawSbom raw, HashSet<string> refs, List<SbomWarning> warnings)
    {
        HashSet<string>? dangling = null;
        string? first = null;
        foreach (var (from, to) in raw.Edges)
        {
            if (raw.IsDeclared(from) && raw.IsDeclared(to)) continue;
            if (!refs.Contains(from) && !raw.IsDeclared(from) && (dangling ??= new(StringComparer.Ordinal)).Add(from)) first ??= from;
            if (!refs.Contains(to) && !raw.IsDeclared(to) && (dangling ??= new(StringComparer.Ordinal)).Add(to)) first ??= to;
        }
        if (dangling is not null)
            warnings.Add(new("dependencies", $"{dangling.Count} ref(s) in the dependency graph name no component (e.g. '{first}')"));
    }

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
