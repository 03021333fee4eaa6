using Scout.Advisories.Matching;
using Scout.Advisories.Osv;
using Scout.Core.Model;

namespace Scout.Advisories.Tests;

/// <summary>
/// Logic-test stand-ins for the Scout.Purl / Scout.Versions adapters: keys are (OSV ecosystem, name) taken verbatim,
/// with purl type "npm" mapping to ecosystem "npm"; a version is affected only when listed in `versions`.
/// The matcher tests against real data use the production adapters instead.
/// </summary>
internal sealed class VerbatimKeys : IPackageKeyResolver
{
    public PackageKeys Resolve(PackageRecord package, OsRelease? os) => package.Type switch
    {
        "npm" => new PackageKeys(new PackageKey("npm", package.Namespace == null ? package.Name : $"{package.Namespace}/{package.Name}"), null, null),
        _ => new PackageKeys(null, null, $"no test mapping for {package.Type}"),
    };

    public PackageKey KeyForOsvPackage(string ecosystem, string name) => new(ecosystem, name);
}

internal sealed class ListedVersionsOnly : IAffectedEvaluator
{
    public AffectedDecision Evaluate(string ecosystem, string installedVersion, OsvAffected affected) =>
        affected.Versions.Contains(installedVersion)
            ? new AffectedDecision(AffectedStatus.Affected, null, "=" + installedVersion)
            : affected.Versions.Count > 0 ? new AffectedDecision(AffectedStatus.NotAffected, null, null)
            : new AffectedDecision(AffectedStatus.Indeterminate, "test evaluator reads versions lists only", null);
}
