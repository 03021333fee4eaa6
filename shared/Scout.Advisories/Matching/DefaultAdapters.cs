using Scout.Advisories.Osv;
using Scout.Core.Model;
using Scout.Purl;
using Scout.Purl.Ecosystems;
using Scout.Versions;
using Scout.Versions.Osv;

namespace Scout.Advisories.Matching;

/// <summary>The production key resolver and affected evaluator (Scout.Purl ecosystem mapping, Scout.Versions schemes).</summary>
public static class DefaultAdapters
{
    public static readonly IPackageKeyResolver Keys = new PurlKeyResolver();
    public static readonly IAffectedEvaluator Evaluator = new VersionSchemeEvaluator();
}

/// <summary>Keys from <see cref="AdvisoryEcosystems"/>: the purl (with its distro qualifier or the SBOM's OS) on one side,
/// OSV affected packages on the other, normalized into the same space.</summary>
public sealed class PurlKeyResolver : IPackageKeyResolver
{
    public PackageKeys Resolve(PackageRecord package, OsRelease? os)
    {
        if (package.Purl == null) return new PackageKeys(null, null, "the package has no purl");
        if (!PackageUrl.TryParse(package.Purl, PurlParseMode.Lenient, out var purl, out var error))
            return new PackageKeys(null, null, $"invalid purl: {error?.Message}");
        var mapping = AdvisoryEcosystems.Map(purl, os?.Id, os?.Version);
        if (mapping.Key == null) return new PackageKeys(null, null, mapping.UnmappedReason);
        var key = new PackageKey(mapping.Key.Ecosystem, mapping.Key.Name);
        PackageKey? source = mapping.SourceKey != null && mapping.SourceKey != mapping.Key
            ? new PackageKey(mapping.SourceKey.Ecosystem, mapping.SourceKey.Name)
            : null;
        // The SBOM may name the source package where the purl does not (no upstream qualifier): OS advisories key on it.
        if (source == null && mapping.SourceKey != null && !string.IsNullOrEmpty(package.SourcePackage) && package.SourcePackage != purl.Name)
            source = KeyForOsvPackage(key.Ecosystem, package.SourcePackage);
        var epoch = EpochOf(purl);
        var version = WithEpoch(purl.Version, epoch);
        // The SBOM's own statement of the source version (trivy's Src*) when the purl has none; an rpm source package
        // shares its binaries' epoch (one spec file), so the binary's epoch applies when the source version has none.
        var sourceVersion = source == null ? null : mapping.SourceVersion ?? package.SourceVersion;
        if (sourceVersion != null && purl.Type == "rpm") sourceVersion = WithEpoch(sourceVersion, epoch);
        return new PackageKeys(key, source, null, sourceVersion, version == purl.Version ? null : version);
    }

    /// <summary>The `epoch=` qualifier of rpm and deb purls (their version field carries none); "0" is no epoch.</summary>
    private static string? EpochOf(PackageUrl purl) =>
        purl.Type is "rpm" or "deb" && purl.Qualifiers.TryGetValue("epoch", out var e) && e.Length > 0 && e != "0" ? e : null;

    private static string? WithEpoch(string? version, string? epoch) =>
        version == null || epoch == null || version.Contains(':') ? version : $"{epoch}:{version}";

    public PackageKey KeyForOsvPackage(string ecosystem, string name) =>
        AdvisoryEcosystems.KeyForOsvPackage(ecosystem, name) is { } k ? new PackageKey(k.Ecosystem, k.Name) : new PackageKey(ecosystem, name);
}

/// <summary>OSV range evaluation with the ecosystem's native version scheme; unknown scheme, invalid version or
/// GIT-only ranges come back Indeterminate with the reason.</summary>
public sealed class VersionSchemeEvaluator : IAffectedEvaluator
{
    public AffectedDecision Evaluate(string ecosystem, string installedVersion, OsvAffected affected)
    {
        var scheme = VersionSchemes.ForEcosystem(ecosystem);
        var verdict = OsvAffectedEvaluator.Evaluate(scheme, installedVersion, affected.Versions, affected.Ranges);
        var status = verdict.Status switch
        {
            Scout.Versions.Osv.AffectedStatus.Affected => AffectedStatus.Affected,
            Scout.Versions.Osv.AffectedStatus.NotAffected => AffectedStatus.NotAffected,
            _ => AffectedStatus.Indeterminate,
        };
        var reason = status == AffectedStatus.Indeterminate && scheme == null
            ? $"no version scheme for ecosystem '{ecosystem}'" + (verdict.Reason == null ? "" : $" ({verdict.Reason})")
            : verdict.Reason;
        return new AffectedDecision(status, reason, verdict.MatchedRange);
    }
}
