using Scout.Purl.Ecosystems;
using Scout.Testing;

namespace Scout.Purl.Tests.Ecosystems;

/// <summary>An OSV record's affected package and a purl of the same package land on the same index key.</summary>
public sealed class OsvMeetsPurlTests
{
    public static TheoryData<string, string, string, string, string> Rows => new()
    {
        // osv file, its affected ecosystem, its package name, a purl of that package on that release, normalized ecosystem
        { "Ubuntu/UBUNTU-CVE-2016-20013.json", "Ubuntu:22.04:LTS", "glibc", "pkg:deb/ubuntu/libc6@2.35-0ubuntu3.1?arch=amd64&upstream=glibc&distro=ubuntu-22.04", "Ubuntu:22.04" },
        { "Ubuntu/UBUNTU-CVE-2021-3782.json", "Ubuntu:20.04:LTS", "wayland", "pkg:deb/ubuntu/libwayland-client0@1.18.0-1?arch=amd64&upstream=wayland&distro=focal", "Ubuntu:20.04" },
        { "Ubuntu/UBUNTU-CVE-2022-24823.json", "Ubuntu:Pro:22.04:LTS", "netty", "pkg:deb/ubuntu/netty@1:4.1.48-4+deb11u2ubuntu0.1~esm1?arch=source&distro=esm-apps/jammy", "Ubuntu:22.04" },
        { "Debian/DLA-3008-1.json", "Debian:9", "openssl", "pkg:deb/debian/libssl1.1@1.1.0l-1~deb9u5?arch=amd64&upstream=openssl&distro=debian-9", "Debian:9" },
        { "Alpine/CVE-2024-10524.json", "Debian:12", "wget", "pkg:deb/debian/wget@1.21.3-1+b2?arch=amd64&distro=bookworm", "Debian:12" },
        { "Alpine/ALPINE-CVE-2025-26519.json", "Alpine:v3.17", "musl", "pkg:apk/alpine/musl@1.2.3-r4?arch=x86_64&upstream=musl&distro=alpine-3.17.2", "Alpine:v3.17" },
        { "Alpine/ALPINE-CVE-2023-46850.json", "Alpine:v3.18", "openvpn", "pkg:apk/alpine/openvpn@2.6.5-r0?arch=x86_64&distro=alpine-3.18.4", "Alpine:v3.18" },
        { "Red_Hat/RHSA-2018_3140.json", "Red Hat:enterprise_linux:7::client", "PackageKit-glib", "pkg:rpm/redhat/PackageKit-glib@1.1.10-1.el7?arch=x86_64&distro=rhel-7.6", "Red Hat:7" },
        { "Red_Hat/RHSA-2024_8709.json", "Red Hat:rhel_eus:9.2::appstream", "podman", "pkg:rpm/redhat/podman@4.4.1-14.el9_2?arch=x86_64&distro=rhel-9.2", "Red Hat:9" },
        { "AlmaLinux/ALSA-2023_5462.json", "AlmaLinux:9", "python3-libs", "pkg:rpm/almalinux/python3-libs@3.9.16-1.el9?arch=x86_64&distro=almalinux-9.2", "AlmaLinux:9" },
        { "Rocky_Linux/RLSA-2024_3671.json", "Rocky Linux:9", "ruby", "pkg:rpm/rocky/ruby@3.0.4-160.el9_0?arch=x86_64&distro=rocky-9.3", "Rocky Linux:9" },
        { "Go/GHSA-2c4m-59x9-fr2g.json", "Go", "github.com/gin-gonic/gin", "pkg:golang/github.com/gin-gonic/gin@v1.9.0", "Go" },
        { "Go/GO-2023-1571.json", "Go", "stdlib", "pkg:golang/stdlib@1.20.0", "Go" },
        { "Maven/GHSA-2268-98wh-qfhf.json", "Maven", "org.jline:jline-parent", "pkg:maven/org.jline/jline-parent@3.20.0?type=pom", "Maven" },
        { "Maven/GHSA-6vvc-c2m3-cjf3.json", "PyPI", "mercurial", "pkg:pypi/Mercurial@5.9", "PyPI" },
        { "Maven/GHSA-6xx3-rg99-gc3p.json", "NuGet", "BouncyCastle", "pkg:nuget/bouncycastle@1.8.9", "NuGet" },
        { "Maven/GHSA-735f-pc8j-v9w8.json", "RubyGems", "google-protobuf", "pkg:gem/google-protobuf@3.21.1", "RubyGems" },
        { "NuGet/GHSA-77rm-9x9h-xj3g.json", "Packagist", "google/protobuf", "pkg:composer/google/protobuf@v3.21.1", "Packagist" },
        { "Packagist/DRUPAL-CONTRIB-2025-083.json", "Packagist:https://packages.drupal.org/8", "drupal/simple_sitemap", "pkg:composer/drupal/simple_sitemap@4.1.0", "Packagist" },
        { "Pub/GHSA-3hpf-ff72-j67p.json", "Pub", "shared_preferences_android", "pkg:pub/shared_preferences_android@2.3.3", "Pub" },
        { "crates.io/GHSA-43w2-9j62-hq99.json", "crates.io", "smallvec", "pkg:cargo/smallvec@1.6.0", "crates.io" },
        { "Hex/EEF-CVE-2025-4754.json", "Hex", "ash_authentication_phoenix", "pkg:hex/ash_authentication_phoenix@2.4.0", "Hex" },
        { "Hex/EEF-CVE-2026-56812.json", "npm", "phoenix", "pkg:npm/phoenix@1.7.0", "npm" },
        { "npm/GHSA-5844-q3fc-56rh.json", "SwiftURL", "github.com/pubnub/swift", "pkg:swift/github.com/pubnub/swift@6.0.0", "SwiftURL" },
        { "Julia/JLSEC-2025-1.json", "Julia", "HTTP", "pkg:julia/HTTP@1.10.0?uuid=cd3eb016-35fb-5094-929b-558a96fad6f3", "Julia" },
        { "Homebrew/BREW-augeas-CVE-2025-2588.json", "Homebrew", "augeas", "pkg:brew/augeas@1.14.1", "Homebrew" },
        { "Bitnami/BIT-activemq-2025-27533.json", "Bitnami", "activemq", "pkg:bitnami/activemq@6.1.0", "Bitnami" },
        { "opam/OSEC-2026-01.json", "opam", "ocaml", "pkg:opam/ocaml@4.14.0", "opam" },
        { "GitHub_Actions/GHSA-8v8w-v8xg-79rf.json", "GitHub Actions", "tj-actions/branch-names", "pkg:githubactions/tj-actions/branch-names@v7", "GitHub Actions" },
        { "GitHub_Actions/GHSA-2c6m-6gqh-6qg3.json", "GitHub Actions", "actions/runner", "pkg:github/Actions/Runner@v2.300.0", "GitHub Actions" },
    };

    [Theory]
    [MemberData(nameof(Rows))]
    public void Advisory_and_purl_meet(string osvFile, string ecosystem, string name, string purl, string normalizedEcosystem)
    {
        Assert.Contains((ecosystem, name), RealData.OsvPackages(TestData.Path("osv", osvFile)).Select(p => (p.Ecosystem, p.Name)));
        var advisoryKey = AdvisoryEcosystems.KeyForOsvPackage(ecosystem, name);
        Assert.NotNull(advisoryKey);
        Assert.Equal(normalizedEcosystem, advisoryKey.Ecosystem);
        var mapping = AdvisoryEcosystems.Map(PackageUrl.Parse(purl));
        Assert.Contains(advisoryKey, mapping.LookupKeys);
    }

    /// <summary>
    /// Every OSV package that carries its own purl: when that purl maps (it says enough, e.g. a distro), it must map
    /// to the key of the package it sits on; when it does not, the mapping says why. Malformed purls in the data
    /// must be rejected with a typed error, not crash.
    /// </summary>
    [Fact]
    public void Osv_own_purls_meet_their_package()
    {
        int mapped = 0, unmapped = 0, invalid = 0;
        var mismatches = new List<string>();
        foreach (var file in RealData.OsvFiles())
        {
            foreach (var (ecosystem, name, purl) in RealData.OsvPackages(file))
            {
                // Vendor rebuild feeds (Root, Seal, Echo's language packages) key ordinary purls under the vendor's
                // ecosystem; nothing in the purl says which vendor built the package, so they cannot meet by purl.
                if (purl is null || ecosystem.StartsWith("Root:", StringComparison.Ordinal)
                    || ecosystem.StartsWith("Seal:", StringComparison.Ordinal) || ecosystem.StartsWith("Echo:", StringComparison.Ordinal))
                    continue;
                if (!PackageUrl.TryParse(purl, PurlParseMode.Lenient, out var parsed, out _)) { invalid++; continue; }
                var mapping = AdvisoryEcosystems.Map(parsed);
                if (!mapping.IsMapped)
                {
                    Assert.False(string.IsNullOrWhiteSpace(mapping.UnmappedReason));
                    unmapped++;
                    continue;
                }
                mapped++;
                var key = AdvisoryEcosystems.KeyForOsvPackage(ecosystem, name)!;
                if (!mapping.LookupKeys.Contains(key))
                    mismatches.Add($"{Path.GetFileName(file)}: {ecosystem}/{name} vs {purl} -> {string.Join(", ", mapping.LookupKeys)}");
            }
        }
        Assert.True(mapped > 1000, $"only {mapped} OSV purls mapped ({unmapped} unmapped, {invalid} invalid)");
        Assert.True(mismatches.Count == 0, string.Join("\n", mismatches.Take(40)) + $"\n({mismatches.Count} of {mapped})");
    }

    [Theory]
    [InlineData("Ubuntu:22.04:LTS", "Ubuntu:22.04")]
    [InlineData("Ubuntu:24.10", "Ubuntu:24.10")]
    [InlineData("Ubuntu:Pro:16.04:LTS", "Ubuntu:16.04")]
    [InlineData("Ubuntu:Pro:FIPS-updates:22.04:LTS", "Ubuntu:Pro:FIPS-updates:22.04")]
    [InlineData("Red Hat:enterprise_linux:8::crb", "Red Hat:8")]
    [InlineData("Red Hat:rhel_aus:8.6::appstream", "Red Hat:8")]
    [InlineData("Red Hat:ocp_tools:4.15::el9", "Red Hat:ocp_tools:4.15")]
    [InlineData("bitnami", "Bitnami")]
    [InlineData("Debian:12", "Debian:12")]
    [InlineData("Alpine:v3.18", "Alpine:v3.18")]
    [InlineData("Root:Debian:12", "Root:Debian:12")]
    public void Osv_ecosystem_spellings(string osv, string normalized) =>
        Assert.Equal(normalized, AdvisoryEcosystems.KeyForOsvPackage(osv, "x")!.Ecosystem);

    [Fact]
    public void Empty_osv_package_has_no_key()
    {
        Assert.Null(AdvisoryEcosystems.KeyForOsvPackage("", "x"));
        Assert.Null(AdvisoryEcosystems.KeyForOsvPackage("PyPI", " "));
    }
}
