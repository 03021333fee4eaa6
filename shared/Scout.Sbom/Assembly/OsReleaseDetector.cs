using Scout.Core.Model;

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

    public static OsRelease? Detect(RawSbom raw, List<RawPackage> osComponents, PackageAssembler.Candidate[] packages, int count)
    {
        if (raw.Os is { Id: not null } os) return new OsRelease(NormalizeId(os.Id), os.Version);
        foreach (var c in osComponents)
        {
            var id = c.OsId ?? c.Name;
            if (!string.IsNullOrWhiteSpace(id)) return new OsRelease(NormalizeId(id), c.OsVersion ?? c.Version);
        }
        return FromDistroQualifiers(packages, count);
    }

    public static bool IsOperatingSystem(RawPackage p) => p.IsOperatingSystem || p.Kind is "operating-system" or "OPERATING-SYSTEM";

    public static string NormalizeId(string id)
    {
        var trimmed = id.Trim();
        return idsByName.TryGetValue(trimmed, out var known) ? known : trimmed.ToLowerInvariant();
    }

    private static readonly Dictionary<string, string> releasesByCodename = new(StringComparer.OrdinalIgnoreCase)
    {
        ["jessie"] = "8", ["stretch"] = "9", ["buster"] = "10", ["bullseye"] = "11", ["bookworm"] = "12", ["trixie"] = "13",
        ["xenial"] = "16.04", ["bionic"] = "18.04", ["focal"] = "20.04", ["jammy"] = "22.04", ["noble"] = "24.04",
    };

    private static OsRelease? FromDistroQualifiers(PackageAssembler.Candidate[] packages, int count)
    {
        Dictionary<(string Distro, string? Namespace), int>? counts = null;
        for (var i = 0; i < count; i++)
        {
            if (packages[i].Purl is not { } purl || purl.Qualifiers.Count == 0
                || purl.Type is not ("deb" or "rpm" or "apk" or "alpine" or "alpm") || !purl.Qualifiers.TryGetValue("distro", out var distro)) continue;
            var key = (distro, purl.Namespace);
            counts ??= new();
            counts[key] = counts.GetValueOrDefault(key) + 1;
        }
        if (counts is null) return null;
        // The most frequent; the first seen of equally frequent ones.
        var (best, ns, most) = ("", (string?)null, 0);
        foreach (var ((distro, @namespace), seen) in counts)
            if (seen > most) (best, ns, most) = (distro, @namespace, seen);
        // "alpine-3.16.2", "debian-11", "ubuntu-22.04", "rhel-8.6": the version starts after the last dash followed by a digit.
        for (var i = best.Length - 2; i > 0; i--)
            if (best[i] == '-' && char.IsAsciiDigit(best[i + 1])) return new OsRelease(NormalizeId(best[..i]), best[(i + 1)..]);
        // A bare version ("3.22.0") or codename ("focal"): the purl namespace names the distribution.
        if (ns is not null && (char.IsAsciiDigit(best[0]) || releasesByCodename.ContainsKey(best)))
            return new OsRelease(NormalizeId(ns), releasesByCodename.GetValueOrDefault(best, best));
        return new OsRelease(NormalizeId(best), null);
    }
}
