using Scout.Core.Model;
using Scout.Purl;

namespace Scout.Cli.Commands;

/// <summary>
/// The purls `scout analyze --remote` sends carry what local analysis learns from the rest of the SBOM, so the server
/// finds the same findings from purls alone: the OS release (`distro=`, from the SBOM's OS when the purl has none or
/// names no release) and the source package with its version (`upstream=name@version`, e.g. from trivy's Src*
/// properties). `epoch=` travels in the purl as it is. The server's findings name the sent purls; they are mapped
/// back to the SBOM's own.
/// </summary>
public static class RemotePurls
{
    private static readonly HashSet<string> OsTypes = ["deb", "rpm", "apk", "alpine"];

    /// <summary>Sent purl -> the SBOM's purl, in SBOM order, one entry per distinct sent purl.</summary>
    public static IReadOnlyDictionary<string, string> For(NormalizedSbom sbom)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var p in sbom.Packages)
        {
            if (p.Purl == null) continue;
            var sent = Enrich(p, sbom.Os) ?? p.Purl;
            map.TryAdd(sent, p.Purl);
        }
        return map;
    }

    private static string? Enrich(PackageRecord package, OsRelease? os)
    {
        if (!PackageUrl.TryParse(package.Purl!, PurlParseMode.Lenient, out var purl, out _) || !OsTypes.Contains(purl.Type)) return null;
        var qualifiers = new Dictionary<string, string>(purl.Qualifiers, StringComparer.Ordinal);
        var release = os?.Version?.Trim().Split(' ', 2)[0];
        if (!string.IsNullOrEmpty(os?.Id) && !string.IsNullOrEmpty(release))
        {
            if (!qualifiers.TryGetValue("distro", out var distro) || distro.Trim().Length == 0)
                qualifiers["distro"] = $"{os.Id.Trim().ToLowerInvariant()}-{release}";
            else if (!distro.Any(char.IsDigit) && string.Equals(distro.Trim(), os.Id.Trim(), StringComparison.OrdinalIgnoreCase))
                qualifiers["distro"] = $"{distro.Trim()}-{release}";
        }
        if (!qualifiers.ContainsKey("upstream") && !qualifiers.ContainsKey("sourcerpm") && !string.IsNullOrEmpty(package.SourcePackage)
            && package.SourcePackage != purl.Name)
            qualifiers["upstream"] = package.SourceVersion is { Length: > 0 } v ? $"{package.SourcePackage}@{v}" : package.SourcePackage;
        if (qualifiers.Count == purl.Qualifiers.Count && qualifiers.All(q => purl.Qualifiers.TryGetValue(q.Key, out var old) && old == q.Value)) return null;
        return PackageUrl.Build(purl.Type, purl.Namespace, purl.Name, purl.Version, qualifiers, purl.Subpath).ToString();
    }
}
