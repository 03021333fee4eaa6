namespace Scout.Purl.Ecosystems;

/// <summary>
/// The one place where purls and OSV <c>affected[].package</c> entries are mapped to the same normalized
/// <see cref="AdvisoryKey"/> space, so that both sides meet in one index.
/// </summary>
public static class AdvisoryEcosystems
{
    /// <summary>A registry ecosystem: the purl type, the OSV ecosystem, how the purl spells the OSV name, how names compare.</summary>
    private sealed record Registry(string PurlType, string Ecosystem, Func<PackageUrl, string> OsvName, Func<string, string> Normalize);

    private static readonly Registry[] Registries =
    [
        new("npm", "npm", p => PackageNames.Joined(p, '/'), PackageNames.Exact),           // "@scope/name"
        new("maven", "Maven", p => PackageNames.Joined(p, ':'), PackageNames.Exact),       // "group:artifact"
        new("golang", "Go", p => PackageNames.Joined(p, '/'), PackageNames.Exact),         // module path
        new("pypi", "PyPI", p => p.Name, PackageNames.Pep503),
        new("nuget", "NuGet", p => p.Name, PackageNames.Lower),                            // case-insensitive ids
        new("gem", "RubyGems", p => p.Name, PackageNames.Exact),
        new("cargo", "crates.io", p => p.Name, PackageNames.Crate),
        new("composer", "Packagist", p => PackageNames.Joined(p, '/'), PackageNames.Lower), // "vendor/name"
        new("hex", "Hex", p => p.Name, PackageNames.Lower),
        new("pub", "Pub", p => p.Name, PackageNames.Lower),
        new("swift", "SwiftURL", p => PackageNames.Joined(p, '/'), PackageNames.Exact),    // "github.com/owner/repo"
        new("cran", "CRAN", p => p.Name, PackageNames.Exact),
        new("hackage", "Hackage", p => p.Name, PackageNames.Exact),
        new("cpan", "CPAN", p => p.Name, PackageNames.Exact),                              // distribution name
        new("julia", "Julia", p => p.Name, PackageNames.Exact),
        new("opam", "opam", p => p.Name, PackageNames.Exact),
        new("brew", "Homebrew", p => p.Name, PackageNames.Lower),
        new("bitnami", "Bitnami", p => p.Name, PackageNames.Lower),
        new("conan", "ConanCenter", p => p.Name, PackageNames.Exact),
        new("vscode-extension", "VSCode", p => PackageNames.Joined(p, '.'), PackageNames.Lower), // "publisher.name"
        // Actions are GitHub repositories "owner/repo"; GitHub names are case-insensitive.
        new("githubactions", "GitHub Actions", p => PackageNames.Joined(p, '/'), PackageNames.Lower),
        new("github", "GitHub Actions", p => PackageNames.Joined(p, '/'), PackageNames.Lower),
    ];

    private static readonly Dictionary<string, Registry> ByPurlType = Registries.ToDictionary(r => r.PurlType, StringComparer.Ordinal);

    private static readonly Dictionary<string, Registry> ByEcosystem =
        Registries.GroupBy(r => r.Ecosystem, StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.First(), StringComparer.OrdinalIgnoreCase);

    // OSV ecosystem names (the part before ':') in their canonical spelling, to repair case variants like "bitnami".
    // (osv/_schema/ecosystems.json, plus "Homebrew" and "CPAN", which have OSV records that list does not name yet.)
    internal static readonly IReadOnlyDictionary<string, string> CanonicalBase = new[]
    {
        "AlmaLinux", "Alpaquita", "Alpine", "Android", "Azure Linux", "BellSoft Hardened Containers", "Bioconductor",
        "Bitnami", "Chainguard", "CleanStart", "ConanCenter", "CPAN", "CRAN", "crates.io", "Debian", "Docker Hardened Images",
        "Echo", "FreeBSD", "GHC", "GitHub Actions", "Go", "Hackage", "Hex", "Homebrew", "Julia", "Kubernetes", "Linux",
        "Mageia", "Maven", "MinimOS", "npm", "NuGet", "opam", "openEuler", "openSUSE", "OSS-Fuzz", "Packagist",
        "Photon OS", "Pub", "PyPI", "Red Hat", "Rocky Linux", "Root", "RubyGems", "SUSE", "SwiftURL", "TuxCare",
        "Ubuntu", "VSCode", "Wolfi",
    }.ToDictionary(e => e, StringComparer.OrdinalIgnoreCase);

    /// <summary>The OSV ecosystems purls of registry types map to (for checks against OSV's own list).</summary>
    internal static IEnumerable<string> RegistryEcosystems => Registries.Select(r => r.Ecosystem).Distinct();

    // Red Hat products whose advisories are RHEL's own packages, whatever the support stream (EUS, AUS, E4S, TUS).
    private static readonly HashSet<string> RhelProducts = new(StringComparer.OrdinalIgnoreCase)
    {
        "enterprise_linux", "rhel_eus", "rhel_aus", "rhel_e4s", "rhel_tus", "rhel_els",
    };

    /// <summary>
    /// Where advisories for <paramref name="purl"/> are keyed. For OS packages the release comes from the purl's
    /// distro qualifier, else from the SBOM's OS (<paramref name="distroId"/>, os-release ID such as "debian",
    /// and <paramref name="distroVersion"/>); an unknown or missing release leaves the purl unmapped, with the reason.
    /// </summary>
    public static EcosystemMapping Map(PackageUrl purl, string? distroId = null, string? distroVersion = null) =>
        Map(purl, distroId, distroVersion, sourceName: null);

    /// <summary>
    /// As <see cref="Map(PackageUrl, string?, string?)"/>, with the source package the SBOM states outside the purl
    /// (e.g. trivy's SrcName/SrcVersion properties); an "upstream" qualifier in the purl takes precedence.
    /// </summary>
    public static EcosystemMapping Map(PackageUrl purl, string? distroId, string? distroVersion, string? sourceName, string? sourceVersion = null)
    {
        ArgumentNullException.ThrowIfNull(purl);
        var mapping = MapPurl(purl, distroId, distroVersion);
        if (mapping.Key is null || string.IsNullOrWhiteSpace(sourceName) || OsEcosystems.Source(purl).Name is not null
            || mapping.SourceKey is null)
            return mapping;
        var source = mapping.Key.Ecosystem.StartsWith("Ubuntu:", StringComparison.Ordinal) || mapping.Key.Ecosystem.StartsWith("Debian:", StringComparison.Ordinal)
            ? sourceName.Trim().ToLowerInvariant() : sourceName.Trim();
        return mapping with
        {
            SourceKey = new AdvisoryKey(mapping.Key.Ecosystem, source),
            SourceVersion = string.IsNullOrWhiteSpace(sourceVersion) || sourceVersion == purl.Version ? null : sourceVersion.Trim(),
        };
    }

    private static EcosystemMapping MapPurl(PackageUrl purl, string? distroId, string? distroVersion)
    {
        if (ByPurlType.TryGetValue(purl.Type, out var registry))
        {
            var name = registry.Normalize(registry.OsvName(purl));
            return new EcosystemMapping(new AdvisoryKey(registry.Ecosystem, name), null, null);
        }
        return purl.Type switch
        {
            "deb" => OsEcosystems.Deb(purl, distroId, distroVersion),
            "apk" or "alpine" => OsEcosystems.Apk(purl, distroId, distroVersion),
            "rpm" => OsEcosystems.Rpm(purl, distroId, distroVersion),
            _ => EcosystemMapping.Unmapped($"no OSV advisory ecosystem for purl type '{purl.Type}'"),
        };
    }

    /// <summary>
    /// The index key of an OSV <c>affected[].package</c>: the ecosystem spelled the way <see cref="Map"/> spells it
    /// ("Ubuntu:22.04:LTS" -> "Ubuntu:22.04", "Red Hat:enterprise_linux:9::appstream" -> "Red Hat:9",
    /// "Packagist:https://packages.drupal.org/8" -> "Packagist") and the name normalized like the purl side.
    /// Null when either part is empty.
    /// </summary>
    public static AdvisoryKey? KeyForOsvPackage(string osvEcosystem, string osvName)
    {
        if (string.IsNullOrWhiteSpace(osvEcosystem) || string.IsNullOrWhiteSpace(osvName)) return null;
        var ecosystem = NormalizeOsvEcosystem(osvEcosystem.Trim());
        var name = osvName.Trim();
        return ByEcosystem.TryGetValue(ecosystem, out var registry)
            ? new AdvisoryKey(registry.Ecosystem, registry.Normalize(name))
            : new AdvisoryKey(ecosystem, name);
    }

    /// <summary>The ecosystem before its first ':' ("Debian:12" -> "Debian", "Red Hat:9" -> "Red Hat").</summary>
    public static string BaseEcosystem(string ecosystem)
    {
        var colon = ecosystem.IndexOf(':');
        return colon < 0 ? ecosystem : ecosystem[..colon];
    }

    private static string NormalizeOsvEcosystem(string ecosystem)
    {
        var parts = ecosystem.Split(':');
        if (CanonicalBase.TryGetValue(parts[0], out var canonical)) parts[0] = canonical;
        switch (parts[0])
        {
            // Packagist registries other than packagist.org (Drupal's) use the same names and composer versions.
            case "Packagist":
                return "Packagist";
            // "Ubuntu:22.04:LTS" -> "Ubuntu:22.04": the LTS marker is not part of the release. Plain Ubuntu Pro
            // (ESM) advisories, "Ubuntu:Pro:22.04:LTS", describe the same packages of the same release (fixes shipped
            // through ESM; OSV's own purls on them often carry the plain codename), so they join their release.
            // Other Pro streams ("Ubuntu:Pro:FIPS...:22.04:LTS") version their packages differently and stay apart.
            case "Ubuntu":
                var release = parts.Length > 1 && parts[^1].Equals("LTS", StringComparison.OrdinalIgnoreCase) ? parts[..^1] : parts;
                if (release.Length == 3 && release[1].Equals("Pro", StringComparison.OrdinalIgnoreCase))
                    release = ["Ubuntu", release[2]];
                return string.Join(':', release);
            // "Red Hat:<product>:<version>::<stream>": RHEL streams collapse to the major release.
            case "Red Hat" when parts.Length > 2:
                if (RhelProducts.Contains(parts[1]) && DistroReleases.Major(parts[2]) is { } major)
                    return $"Red Hat:{major}";
                return $"Red Hat:{parts[1]}:{parts[2]}";
            default:
                return string.Join(':', parts);
        }
    }
}
