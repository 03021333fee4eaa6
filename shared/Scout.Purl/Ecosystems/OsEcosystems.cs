namespace Scout.Purl.Ecosystems;

/// <summary>deb, apk and rpm purls -> OSV distro ecosystems ("Debian:12", "Ubuntu:22.04", "Alpine:v3.18", "Red Hat:9" ...).</summary>
internal static class OsEcosystems
{
    public static EcosystemMapping Deb(PackageUrl purl, string? distroId, string? distroVersion)
    {
        var vendor = purl.Namespace;
        var distro = OsDistro.From(purl, distroId, distroVersion);
        switch (vendor)
        {
            case "debian":
            case "ubuntu":
                if (!distro.IdIsNoneOr(vendor))
                    return EcosystemMapping.Unmapped($"distro '{distro.Id}' contradicts the purl's vendor '{vendor}'");
                if (distro.Release is null)
                    return EcosystemMapping.Unmapped($"no {vendor} release: the purl has no distro qualifier and no OS release was given");
                var release = vendor == "debian" ? DistroReleases.Debian(distro.Release) : DistroReleases.Ubuntu(distro.Release);
                if (release is null)
                    return EcosystemMapping.Unmapped($"unknown {vendor} release '{distro.Release}'");
                // Ubuntu Pro (ESM) advisories are merged into their release: see AdvisoryEcosystems.NormalizeOsvEcosystem.
                var ecosystem = vendor == "debian" ? $"Debian:{release}" : $"Ubuntu:{release}";
                return WithSource(ecosystem, purl, PackageNames.Exact);
            case "echo":
                return WithSource("Echo", purl, PackageNames.Exact);
            default:
                return EcosystemMapping.Unmapped($"no OSV ecosystem for deb vendor '{vendor}'");
        }
    }

    public static EcosystemMapping Apk(PackageUrl purl, string? distroId, string? distroVersion)
    {
        // Older syft wrote "pkg:alpine/<name>": type alpine, no namespace.
        var vendor = purl.Type == "alpine" ? "alpine" : purl.Namespace;
        var distro = OsDistro.From(purl, distroId, distroVersion);
        switch (vendor)
        {
            case "alpine":
                if (!distro.IdIsNoneOr("alpine"))
                    return EcosystemMapping.Unmapped($"distro '{distro.Id}' contradicts the purl's vendor 'alpine'");
                if (distro.Release is null)
                    return EcosystemMapping.Unmapped("no Alpine release: the purl has no distro qualifier and no OS release was given");
                var branch = DistroReleases.Alpine(distro.Release);
                return branch is null
                    ? EcosystemMapping.Unmapped($"unknown Alpine release '{distro.Release}' (OSV keys Alpine advisories by vMAJOR.MINOR branch)")
                    : WithSource($"Alpine:{branch}", purl, PackageNames.Exact);
            case "wolfi":
                return WithSource("Wolfi", purl, PackageNames.Exact);
            case "chainguard":
                return WithSource("Chainguard", purl, PackageNames.Exact);
            case "minimos":
                return WithSource("MinimOS", purl, PackageNames.Exact);
            case "alpaquita":
            case "bellsoft-hardened-containers":
                var name = vendor == "alpaquita" ? "Alpaquita" : "BellSoft Hardened Containers";
                // Their OSV releases are "23" or "stream", exactly what the distro qualifier carries.
                return distro.Release is { } stream && distro.IdIsNoneOr("alpaquita")
                    ? WithSource($"{name}:{stream}", purl, PackageNames.Exact)
                    : EcosystemMapping.Unmapped($"no {name} release: the purl has no distro qualifier and no OS release was given");
            default:
                return EcosystemMapping.Unmapped($"no OSV ecosystem for apk vendor '{vendor}'");
        }
    }

    public static EcosystemMapping Rpm(PackageUrl purl, string? distroId, string? distroVersion)
    {
        var vendor = purl.Namespace;
        var distro = OsDistro.From(purl, distroId, distroVersion);
        switch (vendor)
        {
            // CentOS rebuilds RHEL sources with the same package names and NEVRAs, so Red Hat's advisories apply.
            case "redhat" or "rhel" or "centos":
                return ByMajor("Red Hat", purl, distro, "redhat", "rhel", "centos");
            case "rocky" or "rocky-linux" or "rockylinux":
                return ByMajor("Rocky Linux", purl, distro, "rocky", "rocky-linux");
            case "almalinux" or "alma":
                return ByMajor("AlmaLinux", purl, distro, "almalinux", "alma");
            case "mageia":
                return distro.Release is { } mageia && distro.IdIsNoneOr("mageia")
                    ? WithSource($"Mageia:{mageia}", purl, PackageNames.Exact)
                    : EcosystemMapping.Unmapped("no Mageia release: the purl has no distro qualifier and no OS release was given");
            case "openeuler":
                return distro.Release is { } euler && distro.IdIsNoneOr("openeuler")
                    ? WithSource($"openEuler:{euler}", purl, PackageNames.Exact)
                    : EcosystemMapping.Unmapped("no openEuler release: the purl has no distro qualifier and no OS release was given");
            case "photon":
                // "Photon OS:3.0": the release is the os-release VERSION_ID, e.g. distro=photon-5.0.
                return distro.Release is { } photon && distro.IdIsNoneOr("photon") && DistroReleases.MajorMinor(photon) is { } photonRelease
                    ? WithSource($"Photon OS:{photonRelease}", purl, PackageNames.Exact)
                    : EcosystemMapping.Unmapped("no Photon OS release (MAJOR.MINOR): the purl has no distro qualifier and no OS release was given");
            case "suse" or "opensuse" or "sles":
                return Suse(purl, distro);
            case "amzn" or "amazon" or "amazonlinux":
                return EcosystemMapping.Unmapped("OSV publishes no Amazon Linux advisories (ALAS is not an OSV ecosystem)");
            case "oracle" or "ol" or "oraclelinux":
                return EcosystemMapping.Unmapped("OSV publishes no Oracle Linux advisories (ELSA is not an OSV ecosystem)");
            case "fedora":
                return EcosystemMapping.Unmapped("OSV publishes no Fedora advisories");
            default:
                return EcosystemMapping.Unmapped($"no OSV ecosystem for rpm vendor '{vendor}'");
        }
    }

    private static EcosystemMapping ByMajor(string ecosystem, PackageUrl purl, OsDistro distro, params string[] ids)
    {
        if (!distro.IdIsNoneOr(ids))
            return EcosystemMapping.Unmapped($"distro '{distro.Id}' contradicts the purl's vendor '{purl.Namespace}'");
        if (distro.Release is null)
            return EcosystemMapping.Unmapped($"no {ecosystem} release: the purl has no distro qualifier and no OS release was given");
        var major = DistroReleases.Major(distro.Release);
        return major is null
            ? EcosystemMapping.Unmapped($"unknown {ecosystem} release '{distro.Release}'")
            : WithSource($"{ecosystem}:{major}", purl, PackageNames.Exact);
    }

    private static EcosystemMapping Suse(PackageUrl purl, OsDistro distro)
    {
        var release = distro.Release;
        switch (distro.Id)
        {
            case "opensuse-tumbleweed":
                return WithSource("openSUSE:Tumbleweed", purl, PackageNames.Exact);
            case "opensuse-leap" when release is not null:
                return WithSource($"openSUSE:Leap {release}", purl, PackageNames.Exact);
            case "sles" when release is not null:
                var parts = release.Split('.');
                var sles = parts.Length > 1 && parts[1] != "0" ? $"{parts[0]} SP{parts[1]}" : parts[0];
                return WithSource($"SUSE:Linux Enterprise Server {sles}", purl, PackageNames.Exact);
            default:
                return EcosystemMapping.Unmapped(
                    $"SUSE product not identified: expected distro sles-<version>, opensuse-leap-<version> or opensuse-tumbleweed, got '{distro.Id}{(release is null ? "" : "-" + release)}'");
        }
    }

    private static EcosystemMapping WithSource(string ecosystem, PackageUrl purl, Func<string, string> normalize)
    {
        var key = new AdvisoryKey(ecosystem, normalize(purl.Name));
        var (source, sourceVersion) = Source(purl);
        return new EcosystemMapping(key, source is null ? key : new AdvisoryKey(ecosystem, normalize(source)), null)
        {
            SourceVersion = sourceVersion is not null && sourceVersion != purl.Version ? sourceVersion : null,
        };
    }

    /// <summary>
    /// The source package: the "upstream" qualifier ("openssl", "openssl@3.0.11-1", or for rpm a source RPM file
    /// name "openssl-3.0.7-24.el9.src.rpm"), or a "sourcerpm" qualifier. Null when the purl does not say.
    /// </summary>
    internal static (string? Name, string? Version) Source(PackageUrl purl)
    {
        if (!purl.Qualifiers.TryGetValue("upstream", out var upstream) && !purl.Qualifiers.TryGetValue("sourcerpm", out upstream))
            return (null, null);
        var value = upstream.Trim();
        if (value.EndsWith(".src.rpm", StringComparison.Ordinal) || value.EndsWith(".nosrc.rpm", StringComparison.Ordinal))
            return SourceRpm(value);
        // "openssl", "openssl@3.0.11-1" (syft), or "openssl (3.0.11-1)" (dpkg's Source: field style).
        var end = value.IndexOfAny(['@', ' ', '(']);
        var name = end < 0 ? value : value[..end];
        if (name.Length == 0) return (null, null);
        var version = end < 0 ? null : value[(end + 1)..].Trim().TrimStart('(').TrimEnd(')').Trim();
        return (name, string.IsNullOrEmpty(version) ? null : version);
    }

    // name-version-release.src.rpm: the name is what precedes the last two '-'-separated fields.
    private static (string?, string?) SourceRpm(string file)
    {
        var stem = file[..file.LastIndexOf(file.EndsWith(".nosrc.rpm", StringComparison.Ordinal) ? ".nosrc.rpm" : ".src.rpm", StringComparison.Ordinal)];
        var release = stem.LastIndexOf('-');
        if (release <= 0) return (null, null);
        var version = stem.LastIndexOf('-', release - 1);
        return version <= 0 ? (null, null) : (stem[..version], stem[(version + 1)..]);
    }
}
