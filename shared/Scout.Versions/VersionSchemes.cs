using Scout.Versions.Schemes;

namespace Scout.Versions;

/// <summary>
/// Which native scheme orders an OSV ecosystem's or a purl type's versions. One table entry per ecosystem;
/// anything not in the table has no scheme (null), and callers must answer "indeterminate" rather than guess.
/// </summary>
public static class VersionSchemes
{
    private static readonly Dictionary<string, IVersionScheme> OsvEcosystems = new(StringComparer.Ordinal)
    {
        ["Debian"] = DpkgVersionScheme.Instance,
        ["Ubuntu"] = DpkgVersionScheme.Instance,
        ["Red Hat"] = RpmVersionScheme.Instance,
        ["AlmaLinux"] = RpmVersionScheme.Instance,
        ["Rocky Linux"] = RpmVersionScheme.Instance,
        ["SUSE"] = RpmVersionScheme.Instance,
        ["openSUSE"] = RpmVersionScheme.Instance,
        ["Amazon Linux"] = RpmVersionScheme.Instance,
        ["Azure Linux"] = RpmVersionScheme.Instance,
        ["Mageia"] = RpmVersionScheme.Instance,
        ["openEuler"] = RpmVersionScheme.Instance,
        ["Photon OS"] = RpmVersionScheme.Instance,
        ["Oracle Linux"] = RpmVersionScheme.Instance,
        ["Alpine"] = ApkVersionScheme.Instance,
        ["Wolfi"] = ApkVersionScheme.Instance,
        ["Chainguard"] = ApkVersionScheme.Instance,
        ["Alpaquita"] = ApkVersionScheme.Instance,
        ["BellSoft Hardened Containers"] = ApkVersionScheme.Instance,
        ["MinimOS"] = ApkVersionScheme.Instance,
        ["PyPI"] = Pep440VersionScheme.Instance,
        ["npm"] = NpmVersionScheme.Instance,
        ["crates.io"] = CargoVersionScheme.Instance,
        ["Hex"] = HexVersionScheme.Instance,
        ["Pub"] = PubVersionScheme.Instance,
        ["Go"] = GoVersionScheme.Instance,
        ["Maven"] = MavenVersionScheme.Instance,
        ["NuGet"] = NuGetVersionScheme.Instance,
        ["RubyGems"] = RubyGemsVersionScheme.Instance,
        ["Packagist"] = ComposerVersionScheme.Instance,
    };

    private static readonly Dictionary<string, IVersionScheme> PurlTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        ["deb"] = DpkgVersionScheme.Instance,
        ["rpm"] = RpmVersionScheme.Instance,
        ["apk"] = ApkVersionScheme.Instance,
        ["pypi"] = Pep440VersionScheme.Instance,
        ["npm"] = NpmVersionScheme.Instance,
        ["cargo"] = CargoVersionScheme.Instance,
        ["hex"] = HexVersionScheme.Instance,
        ["pub"] = PubVersionScheme.Instance,
        ["golang"] = GoVersionScheme.Instance,
        ["maven"] = MavenVersionScheme.Instance,
        ["nuget"] = NuGetVersionScheme.Instance,
        ["gem"] = RubyGemsVersionScheme.Instance,
        ["composer"] = ComposerVersionScheme.Instance,
    };

    /// <summary>
    /// The scheme for an OSV ecosystem (release suffixes such as "Debian:12", "Ubuntu:22.04:LTS", "Alpine:v3.18"
    /// are ignored: the scheme does not change between releases) or a purl type; null when unknown.
    /// </summary>
    public static IVersionScheme? ForEcosystem(string? osvEcosystemOrPurlType)
    {
        if (string.IsNullOrWhiteSpace(osvEcosystemOrPurlType)) return null;
        var name = osvEcosystemOrPurlType.Trim();
        var colon = name.IndexOf(':');
        var baseName = colon >= 0 ? name[..colon] : name;
        if (OsvEcosystems.TryGetValue(baseName, out var scheme)) return scheme;
        // "Amazon Linux 2", "Amazon Linux:2023": the release may follow a blank instead of a colon.
        if (baseName.StartsWith("Amazon Linux", StringComparison.Ordinal)) return RpmVersionScheme.Instance;
        return colon < 0 && PurlTypes.TryGetValue(name, out scheme) ? scheme : null;
    }

    /// <summary>The names this table knows: OSV ecosystems, then purl types.</summary>
    public static IReadOnlyCollection<string> KnownNames => [.. OsvEcosystems.Keys, .. PurlTypes.Keys];
}
