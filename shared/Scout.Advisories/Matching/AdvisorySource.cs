namespace Scout.Advisories.Matching;

/// <summary>Names the database an advisory comes from: by its id prefix, or for bare CVE ids by the ecosystem that filed it.</summary>
public static class AdvisorySource
{
    private static readonly (string Prefix, string Database)[] prefixes =
    [
        ("GHSA-", "ghsa"), ("PYSEC-", "pypa"), ("RUSTSEC-", "rustsec"), ("GO-", "go-vulndb"), ("MAL-", "ossf-malicious-packages"),
        ("DSA-", "debian"), ("DLA-", "debian"), ("DTSA-", "debian"), ("DEBIAN-", "debian"), ("USN-", "ubuntu"), ("UBUNTU-", "ubuntu"), ("LSN-", "ubuntu"),
        ("ALSA-", "almalinux"), ("ALBA-", "almalinux"), ("ALEA-", "almalinux"), ("RLSA-", "rocky-linux"), ("RXSA-", "rocky-linux"),
        ("RHSA-", "red-hat"), ("RHBA-", "red-hat"), ("RHEA-", "red-hat"), ("SUSE-", "suse"), ("openSUSE-", "suse"),
        ("ALPINE-", "alpine"), ("CGA-", "chainguard"), ("MINI-", "minimos"), ("BIT-", "bitnami"), ("OSV-", "oss-fuzz"),
        ("HSEC-", "haskell"), ("JLSEC-", "julia"), ("EEF-", "erlef"), ("RSEC-", "r-consortium"), ("BREW-", "homebrew"),
        ("DHI-", "docker-hardened-images"), ("ECHO-", "echo"), ("BELL-", "alpaquita"), ("MGASA-", "mageia"), ("OESA-", "openeuler"),
        ("PSF-", "psf"), ("CURL-", "curl"), ("OSEC-", "ocaml"), ("PUB-A-", "android"), ("A-", "android"), ("ROOT-", "root"),
        ("SEAL-", "seal"), ("GSD-", "gsd"), ("CPANSA-", "cpan"), ("ELA-", "debian-elts"),
    ];

    public static string Of(string id, string? ecosystem)
    {
        foreach (var (prefix, db) in prefixes)
            if (id.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)) return db;
        if (id.StartsWith("CVE-", StringComparison.OrdinalIgnoreCase))
        {
            // Distros publish per-CVE records under the bare CVE id (Debian, Alpine, Ubuntu ...): the ecosystem says whose.
            var eco = ecosystem?.Split(':')[0];
            return string.IsNullOrEmpty(eco) ? "cve" : eco.ToLowerInvariant().Replace(' ', '-');
        }
        var dash = id.IndexOf('-');
        return dash > 0 ? id[..dash].ToLowerInvariant() : "osv";
    }
}
