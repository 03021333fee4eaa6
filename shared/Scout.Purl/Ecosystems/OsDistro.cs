namespace Scout.Purl.Ecosystems;

/// <summary>The OS a package was built for: an os-release style id ("debian", "rhel") and a release, if known.</summary>
internal readonly record struct OsDistro(string? Id, string? Release)
{
    // Longest first, so "rocky-linux-9" is not read as id "rocky", release "linux-9".
    private static readonly string[] KnownIds =
    [
        "opensuse-tumbleweed", "opensuse-leap", "rocky-linux", "almalinux", "openeuler", "chainguard",
        "alpaquita", "opensuse", "photon", "debian", "ubuntu", "alpine", "centos", "redhat", "mageia", "fedora", "oracle",
        "rocky", "wolfi", "alma", "rhel", "sles", "amzn", "suse", "ol",
    ];

    /// <summary>
    /// Reads the purl's distro qualifier ("debian-12", "bookworm", "ubuntu-22.04", "esm-apps/jammy",
    /// "alpine-3.18.4", "3.9.6", "rocky-linux-9-aarch64", "openEuler-20.03-LTS"); when absent, the SBOM's OS.
    /// </summary>
    public static OsDistro From(PackageUrl purl, string? distroId, string? distroVersion)
    {
        var id = string.IsNullOrWhiteSpace(distroId) ? null : distroId.Trim().ToLowerInvariant();
        // An SBOM may carry "22.04.3 LTS" or "12 (bookworm)" where os-release's VERSION_ID would be "22.04", "12".
        var release = string.IsNullOrWhiteSpace(distroVersion) ? null : distroVersion.Trim().Split(' ', 2)[0];
        if (purl.Qualifiers.TryGetValue("distro", out var distro) && distro.Trim().Length > 0)
        {
            var fromQualifier = Parse(distro.Trim());
            // "distro=debian" names the OS but no release: the SBOM's OS may still give it.
            if (fromQualifier.Release is null && fromQualifier.Id is not null && (id is null || id == fromQualifier.Id))
                return fromQualifier with { Release = release };
            return fromQualifier;
        }
        return new OsDistro(id, release);
    }

    private static OsDistro Parse(string distro)
    {
        // trivy names openSUSE families "opensuse.leap" / "opensuse.tumbleweed".
        if (distro.StartsWith("opensuse.", StringComparison.OrdinalIgnoreCase))
            distro = "opensuse-" + distro["opensuse.".Length..];
        // Ubuntu Pro (ESM) pockets as OSV's own purls spell them: "esm-apps/jammy", "esm-infra-legacy/trusty".
        if (distro.StartsWith("esm-", StringComparison.OrdinalIgnoreCase) && distro.IndexOf('/') is var slash and > 0)
            distro = distro[(slash + 1)..];
        foreach (var id in KnownIds)
        {
            if (distro.Length > id.Length + 1 && distro.StartsWith(id, StringComparison.OrdinalIgnoreCase) && distro[id.Length] == '-')
                return new OsDistro(id, distro[(id.Length + 1)..]);
            if (distro.Equals(id, StringComparison.OrdinalIgnoreCase))
                return new OsDistro(id, null);
        }
        return new OsDistro(null, distro);
    }

    /// <summary>True when this distro's id (if any) is one of <paramref name="ids"/>.</summary>
    public bool IdIsNoneOr(params string[] ids) => Id is null || ids.Contains(Id, StringComparer.OrdinalIgnoreCase);
}
