using Scout.Advisories.Osv;
using Scout.Core.Model;

namespace Scout.Advisories.Matching;

/// <summary>Where a package's advisories are filed: its own (ecosystem, name) and, for OS packages, its source package's.</summary>
/// <param name="SourceVersion">the source package's own version when the SBOM states it (purl `upstream=name@version`):
/// source-keyed advisories are compared against it, since a binary's version can differ (binNMU, epochs)</param>
/// <param name="Version">the package's version as compared, when it differs from the purl's version (an rpm or deb
/// `epoch=` qualifier is part of the version)</param>
public sealed record PackageKeys(PackageKey? Key, PackageKey? SourceKey, string? UnmappedReason, string? SourceVersion = null, string? Version = null);

/// <summary>Maps packages and OSV affected entries onto index keys (ecosystem incl. distro release, normalized name).</summary>
public interface IPackageKeyResolver
{
    PackageKeys Resolve(PackageRecord package, OsRelease? os);
    PackageKey KeyForOsvPackage(string ecosystem, string name);
}

public enum AffectedStatus { Affected, NotAffected, Indeterminate }

/// <param name="MatchedRange">the interval (e.g. "[1.0, 1.4.2)" or "=1.2.3") that made the package affected, as text</param>
public sealed record AffectedDecision(AffectedStatus Status, string? Reason, string? MatchedRange);

/// <summary>Decides whether an installed version falls in an OSV affected entry, with the ecosystem's native version semantics.</summary>
public interface IAffectedEvaluator
{
    AffectedDecision Evaluate(string ecosystem, string installedVersion, OsvAffected affected);
}
