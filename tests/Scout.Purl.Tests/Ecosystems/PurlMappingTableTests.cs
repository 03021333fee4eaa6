using Scout.Purl.Ecosystems;

namespace Scout.Purl.Tests.Ecosystems;

/// <summary>Purl -> advisory key, one row per ecosystem, purls taken verbatim from the SBOMs in the test data.</summary>
public sealed class PurlMappingTableTests
{
    public static TheoryData<string, string, string?, string?, string, string, string?> Rows => new()
    {
        // sbom file, purl, SBOM OS id, SBOM OS version, ecosystem, name, source name
        { "images/guac/big-mongo-cyclonedx.json", "pkg:deb/ubuntu/zlib1g@1:1.2.11.dfsg-2ubuntu1.3?arch=amd64&upstream=zlib&distro=ubuntu-20.04", null, null, "Ubuntu:20.04", "zlib1g", "zlib" },
        { "images/guac/big-mongo-cyclonedx.json", "pkg:deb/ubuntu/libc6@2.31-0ubuntu9.9?arch=amd64&upstream=glibc&distro=ubuntu-20.04", null, null, "Ubuntu:20.04", "libc6", "glibc" },
        { "images/osv-scanner-sbom-insecure/postgres-stretch.cdx.xml", "pkg:deb/debian/libssl1.1@1.1.0l-1~deb9u5?arch=amd64&upstream=openssl&distro=debian-9", null, null, "Debian:9", "libssl1.1", "openssl" },
        { "images/trivy/fluentd-multiple-lockfiles.cdx.json", "pkg:deb/debian/apt@1.8.2?arch=amd64&distro=debian-10.2", null, null, "Debian:10", "apt", "apt" },
        // No distro qualifier: the release comes from the SBOM's OS component.
        { "spdx/2.3/spdx-examples/software/example11/spdx2.3/sbom.spdx.json", "pkg:deb/debian/libselinux1-dev@3.1-3?arch=s390x", "debian", "11", "Debian:11", "libselinux1-dev", "libselinux1-dev" },
        { "images/osv-scanner-sbom-insecure/alpine.cdx.xml", "pkg:apk/alpine/libcrypto3@3.0.8-r0?arch=x86_64&upstream=openssl&distro=alpine-3.17.2", null, null, "Alpine:v3.17", "libcrypto3", "openssl" },
        { "images/bom-shelter-in-the-lab/puppet_puppet-agent-alpine/spdx-trivy-puppet_puppet-agent-alpine-sha256_1e87ff27b8d3.json", "pkg:apk/alpine/alpine-baselayout@3.1.0-r3?distro=3.9.6", null, null, "Alpine:v3.9", "alpine-baselayout", "alpine-baselayout" },
        { "cyclonedx/1.4/bom-shelter-in-the-wild/mediawiki-cdx.xml", "pkg:alpine/busybox@1.35.0-r13?arch=x86_64&upstream=busybox&distro=alpine-3.16.0", null, null, "Alpine:v3.16", "busybox", "busybox" },
        { "images/trivy/centos-7-spdx.txt", "pkg:rpm/centos/openssl-libs@1.0.2k-16.el7?arch=x86_64&epoch=1&distro=centos-7.6.1810", null, null, "Red Hat:7", "openssl-libs", "openssl-libs" },
        { "cyclonedx/1.4/guac/cyclonedx-components-nested.json", "pkg:rpm/redhat/abattis-cantarell-fonts@0.0.25-6.el8?arch=noarch", "rhel", "8.6", "Red Hat:8", "abattis-cantarell-fonts", "abattis-cantarell-fonts" },
        { "cyclonedx/1.3/bom-shelter-in-the-wild/joc-cockpit-sbom-cdx.json", "pkg:npm/%40angular/animations@13.3.11", null, null, "npm", "@angular/animations", null },
        { "cyclonedx/1.4/cdxgen/jt-sbom.json", "pkg:maven/io.micrometer/micrometer-core@1.10.6?type=jar", null, null, "Maven", "io.micrometer:micrometer-core", null },
        { "cyclonedx/1.4/bom-shelter-in-the-wild/harp-darwin-amd64.sbom.json", "pkg:golang/github.com/cenkalti/backoff/v3@v3.0.0?type=module", null, null, "Go", "github.com/cenkalti/backoff/v3", null },
        // A one-segment module path has no purl namespace.
        { "cyclonedx/1.4/bom-shelter-in-the-wild/traefix-cdx.xml", "pkg:golang/go.opencensus.io@v0.23.0", null, null, "Go", "go.opencensus.io", null },
        { "cyclonedx/1.2/bom-shelter-in-the-wild/obsidian-sailboat-sbom-cdx.json", "pkg:nuget/AngleSharp@0.9.9", null, null, "NuGet", "anglesharp", null },
        { "images/trivy/fluentd-multiple-lockfiles-cyclonedx.json", "pkg:gem/activesupport@6.0.2.1", null, null, "RubyGems", "activesupport", null },
        { "spdx/2.3/spdx-examples/software/example11/spdx2.3/sbom.spdx.json", "pkg:cargo/hyper@0.14", null, null, "crates.io", "hyper", null },
        { "cyclonedx/1.1/bom-examples/SBOM/laravel-7.12.0/bom.1.1.xml", "pkg:composer/asm89/stack-cors@1.3.0", null, null, "Packagist", "asm89/stack-cors", null },
        { "cyclonedx/1.4/guac/cyclonedx-no-top-level.json", "pkg:pypi/ruamel.yaml@0.17.21", null, null, "PyPI", "ruamel-yaml", null },
    };

    [Theory]
    [MemberData(nameof(Rows))]
    public void Maps_real_sbom_purl(string sbomFile, string purl, string? osId, string? osVersion, string ecosystem, string name, string? source)
    {
        Assert.Contains(purl, RealData.SbomText(sbomFile));
        var mapping = AdvisoryEcosystems.Map(PackageUrl.Parse(purl), osId, osVersion);
        Assert.Null(mapping.UnmappedReason);
        Assert.True(mapping.IsMapped);
        Assert.Equal(new AdvisoryKey(ecosystem, name), mapping.Key);
        Assert.Equal(source is null ? null : new AdvisoryKey(ecosystem, source), mapping.SourceKey);
    }

    public static TheoryData<string, string?, string?, string> Unmapped => new()
    {
        // purl, SBOM OS id, SBOM OS version, what the reason must mention
        { "pkg:deb/debian/adduser@3.115?arch=all", null, null, "no debian release" },
        { "pkg:deb/debian/adduser@3.115?arch=all&distro=sid", null, null, "unknown debian release 'sid'" },
        { "pkg:deb/ubuntu/adduser@3.116ubuntu1?arch=all&distro=ubuntu-22.05", null, null, "unknown ubuntu release '22.05'" },
        { "pkg:deb/ubuntu/adduser@3.116ubuntu1?arch=all&distro=debian-12", null, null, "contradicts" },
        { "pkg:apk/alpine/musl@1.2.3-r4?distro=edge", null, null, "unknown Alpine release 'edge'" },
        { "pkg:rpm/amzn/openssl@3.0.8-1.amzn2023?distro=amzn-2023", null, null, "Amazon Linux" },
        { "pkg:rpm/redhat/bash@5.1.8-6.el9", null, null, "no Red Hat release" },
        { "pkg:docker/library/nginx@1.25", null, null, "purl type 'docker'" },
        { "pkg:generic/openssl@1.1.10g", null, null, "purl type 'generic'" },
    };

    [Theory]
    [MemberData(nameof(Unmapped))]
    public void Unmapped_purls_say_why(string purl, string? osId, string? osVersion, string reason)
    {
        var mapping = AdvisoryEcosystems.Map(PackageUrl.Parse(purl), osId, osVersion);
        Assert.False(mapping.IsMapped);
        Assert.Null(mapping.Key);
        Assert.Contains(reason, mapping.UnmappedReason);
        Assert.Empty(mapping.LookupKeys);
    }

    [Theory]
    [InlineData("debian", "12", "Debian:12")]
    [InlineData("debian", "12 (bookworm)", "Debian:12")]
    [InlineData(null, "10.13", "Debian:10")]
    [InlineData("debian", "bullseye", "Debian:11")]
    public void Debian_release_from_the_sbom_os(string? osId, string osVersion, string ecosystem) =>
        Assert.Equal(ecosystem, AdvisoryEcosystems.Map(PackageUrl.Parse("pkg:deb/debian/curl@7.74.0-1.3"), osId, osVersion).Key?.Ecosystem);

    [Theory]
    [InlineData("ubuntu", "22.04.3 LTS", "pkg:deb/ubuntu/curl@7.81.0-1", "Ubuntu:22.04")]
    [InlineData("alpine", "3.19.1", "pkg:apk/alpine/curl@8.5.0-r0", "Alpine:v3.19")]
    [InlineData("rhel", "9.3", "pkg:rpm/redhat/curl@7.76.1-26.el9", "Red Hat:9")]
    [InlineData("rocky", "8.9", "pkg:rpm/rocky/curl@7.61.1-33.el8", "Rocky Linux:8")]
    [InlineData("sles", "15.5", "pkg:rpm/suse/curl@8.0.1-150400.5.41.1", "SUSE:Linux Enterprise Server 15 SP5")]
    [InlineData("opensuse-leap", "15.5", "pkg:rpm/opensuse/curl@8.0.1-150400.5.41.1", "openSUSE:Leap 15.5")]
    public void Other_releases_from_the_sbom_os(string osId, string osVersion, string purl, string ecosystem) =>
        Assert.Equal(ecosystem, AdvisoryEcosystems.Map(PackageUrl.Parse(purl), osId, osVersion).Key?.Ecosystem);

    [Theory]
    [InlineData("debian-12", "Debian:12")]
    [InlineData("bookworm", "Debian:12")]
    [InlineData("debian-bookworm", "Debian:12")]
    [InlineData("jessie", "Debian:8")]
    [InlineData("debian-6.0.10", "Debian:6.0")]
    [InlineData("woody", "Debian:3.0")]
    public void Debian_release_spellings(string distro, string ecosystem) =>
        Assert.Equal(ecosystem, AdvisoryEcosystems.Map(PackageUrl.Parse($"pkg:deb/debian/curl@7.50.3-1?distro={distro}")).Key?.Ecosystem);

    [Theory]
    [InlineData("ubuntu-22.04", "Ubuntu:22.04")]
    [InlineData("jammy", "Ubuntu:22.04")]
    [InlineData("ubuntu-jammy", "Ubuntu:22.04")]
    [InlineData("22.04", "Ubuntu:22.04")]
    [InlineData("ubuntu-24.10", "Ubuntu:24.10")]
    [InlineData("esm-apps/jammy", "Ubuntu:22.04")]
    public void Ubuntu_release_spellings(string distro, string ecosystem) =>
        Assert.Equal(ecosystem, AdvisoryEcosystems.Map(PackageUrl.Parse($"pkg:deb/ubuntu/curl@7.81.0-1?distro={distro}")).Key?.Ecosystem);

    [Theory]
    [InlineData("pkg:rpm/rocky-linux/bcel?distro=rocky-linux-9-aarch64&epoch=0", "Rocky Linux:9")]
    [InlineData("pkg:rpm/almalinux/python3-libs@3.9.16-1.el9?distro=almalinux-9.2", "AlmaLinux:9")]
    [InlineData("pkg:rpm/mageia/microcode?distro=mageia-9", "Mageia:9")]
    [InlineData("pkg:rpm/suse/openssl-3@3.0.8?distro=sles-15.5", "SUSE:Linux Enterprise Server 15 SP5")]
    [InlineData("pkg:rpm/opensuse/openssl-3@3.0.8?distro=opensuse-leap-15.5", "openSUSE:Leap 15.5")]
    [InlineData("pkg:rpm/suse/openssl-3@3.0.8?distro=opensuse.leap-15.5", "openSUSE:Leap 15.5")]
    [InlineData("pkg:rpm/opensuse/openssl-3@3.0.8?distro=opensuse-tumbleweed", "openSUSE:Tumbleweed")]
    [InlineData("pkg:rpm/redhat/bash@5.1.8-6.el9?arch=x86_64&distro=redhat-9.2", "Red Hat:9")]
    [InlineData("pkg:apk/alpine/musl@1.2.4-r2?arch=x86_64&distro=3.18.4", "Alpine:v3.18")]
    [InlineData("pkg:apk/alpaquita/libxml2?arch=source&distro=23", "Alpaquita:23")]
    [InlineData("pkg:apk/wolfi/syncthing?arch=aarch64", "Wolfi")]
    [InlineData("pkg:rpm/photon/openssl@3.0.9-1.ph5?distro=photon-5.0", "Photon OS:5.0")]
    [InlineData("pkg:apk/chainguard/syncthing?arch=x86_64", "Chainguard")]
    public void Other_distro_spellings(string purl, string ecosystem) =>
        Assert.Equal(ecosystem, AdvisoryEcosystems.Map(PackageUrl.Parse(purl)).Key?.Ecosystem);

    [Theory]
    [InlineData("pkg:deb/debian/libssl3@3.0.11-1~deb12u2?upstream=openssl%403.0.11-1~deb12u2&distro=debian-12", "openssl", null)]
    [InlineData("pkg:deb/debian/libgcc-s1@12.2.0-14?upstream=gcc-12%4012.2.0-14&distro=debian-12", "gcc-12", null)]
    [InlineData("pkg:deb/debian/libc-bin@2.36-9+deb12u4+b1?upstream=glibc%402.36-9%2Bdeb12u4&distro=debian-12", "glibc", "2.36-9+deb12u4")]
    [InlineData("pkg:deb/debian/libc-bin@2.36-9+deb12u4+b1?upstream=glibc%20(2.36-9%2Bdeb12u4)&distro=debian-12", "glibc", "2.36-9+deb12u4")]
    [InlineData("pkg:rpm/redhat/openssl-libs@3.0.7-24.el9?upstream=openssl-3.0.7-24.el9.src.rpm&distro=rhel-9.3", "openssl", null)]
    [InlineData("pkg:rpm/redhat/python3-libs@3.9.18-1.el9?upstream=python3.9-3.9.18-1.el9.src.rpm&distro=rhel-9.3", "python3.9", null)]
    [InlineData("pkg:rpm/redhat/bind-libs@9.16.23-14.el9_3.1?upstream=bind-9.16.23-14.el9_3.src.rpm&distro=rhel-9.3", "bind", "9.16.23-14.el9_3")]
    public void Source_package_spellings(string purl, string source, string? sourceVersion)
    {
        var mapping = AdvisoryEcosystems.Map(PackageUrl.Parse(purl));
        Assert.Equal(source, mapping.SourceKey?.Name);
        Assert.Equal(sourceVersion, mapping.SourceVersion);
    }

    [Fact]
    public void Source_stated_outside_the_purl_is_used_when_the_purl_has_none()
    {
        // trivy writes the source package as properties (aquasecurity:trivy:SrcName / SrcVersion), not in the purl.
        var purl = PackageUrl.Parse("pkg:deb/debian/libssl1.1@1.1.1n-0+deb10u3?arch=amd64&distro=debian-10.13");
        var mapping = AdvisoryEcosystems.Map(purl, null, null, "openssl", "1.1.1n-0+deb10u3");
        Assert.Equal(new AdvisoryKey("Debian:10", "libssl1.1"), mapping.Key);
        Assert.Equal(new AdvisoryKey("Debian:10", "openssl"), mapping.SourceKey);
        Assert.Null(mapping.SourceVersion);

        var withUpstream = PackageUrl.Parse("pkg:deb/debian/libssl1.1@1.1.1n-0+deb10u3?upstream=openssl&distro=debian-10.13");
        Assert.Equal("openssl", AdvisoryEcosystems.Map(withUpstream, null, null, "something-else").SourceKey?.Name);
        Assert.Null(AdvisoryEcosystems.Map(PackageUrl.Parse("pkg:npm/lodash@4.17.20"), null, null, "lodash").SourceKey);
    }
}
