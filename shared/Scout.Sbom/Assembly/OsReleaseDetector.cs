using Scout.Core.Model;
using Scout.Purl;

namespace Scout.Sbom.Assembly;

/// <summary>
/// Finds the distribution release: syft's distro block, an operating-system component (CycloneDX) or package
/// (SPDX), else the distro qualifier most OS package purls carry. Ids follow os-release ID ("debian", "rhel").
/// </summary>
internal static class OsReleaseDetector
{
    private static readonly Dictionary<string, string> idsByName = new(StringComparer.OrdinalIgnoreCase)
    {
        ["red hat enterprise linux"] = "rhel", ["redhat"] = "rhel", ["red hat"] = "rhel", ["centos linux"] = "centos",
        ["centos stream"] = "centos", ["alpine linux"] = "alpine", ["debian gnu/linux"] = "debian", ["amazon linux"] = "amzn",
        ["amazon"] = "amzn", ["oracle linux"] = "ol", ["oracle linux server"] = "ol", ["rocky linux"] = "rocky", ["almalinux os"] = "almalinux",
        ["suse linux enterprise server"] = "sles", ["opensuse leap"] = "opensuse-leap", ["photon os"] = "photon", ["wolfi"] = "wolfi",
        ["chainguard"] = "chainguard", ["fedora linux"] = "fedora", ["mariner"] = "mariner", ["cbl-mariner"] = "mariner",
    };

    public static OsRelease? Detect(RawSbom raw, IEnumerable<RawPackage> osComponents, IEnumerable<PackageUrl> purls)
    {
        if (raw.Os is { Id: not null } os) return new OsRelease(NormalizeId(os.Id), os.Version);
        foreach (var c in osComponents)
        {
            var id = c.OsId ?? c.Name;
            if (!string.IsNullOrWhiteSpace(id)) return new OsRelease(NormalizeId(id), c.OsVersion ?? c.Version);
        }
        return FromDistroQualifiers(purls);
    }

    public static bool IsOperatingSystem(RawPackage p) => p.IsOperatingSystem || p.Kind is "operating-system" or "OPERATING-SYSTEM";

    public static string NormalizeId(string id)
    {
        var trimmed = id.Trim();
        return idsByName.TryGetValue(trimmed, out var known) ? known : trimmed.ToLowerInvariant();
    }

    private static OsRelease? FromDistroQualifiers(IEnumerable<PackageUrl> purls)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var purl in purls)
        {
            if (purl.Type is not ("deb" or "rpm" or "apk") || !purl.Qualifiers.TryGetValue("distro", out var distro)) continue;
            counts[distro] = counts.GetValueOrDefault(distro) + 1;
        }
        if (counts.Count == 0) return null;
        var best = counts.MaxBy(kv => kv.Value).Key;
        // "alpine-3.16.2", "debian-11", "ubuntu-22.04", "rhel-8.6": the version starts after the last dash followed by a digit.
        for (var i = best.Length - 2; i > 0; i--)
            if (best[i] == '-' && char.IsAsciiDigit(best[i + 1])) return new OsRelease(NormalizeId(best[..i]), best[(i + 1)..]);
        return new OsRelease(NormalizeId(best), null);
    }
}
