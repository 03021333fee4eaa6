using System.Text.Json.Nodes;
using Scout.Advisories.Feeds;
using Scout.Advisories.Matching;
using Scout.Core.Model;
using Scout.Core.Ports;
using Scout.Sbom;
using Scout.Testing;

namespace Scout.Advisories.Tests;

/// <summary>Issue #11: advisories and versions that today's matcher loses without a word.</summary>
public class IntegrityMatchTests(RealIndexFixture index) : IClassFixture<RealIndexFixture>
{
    private static IReadOnlyList<Finding> Match(AdvisoryServices services, params string[] purls) =>
        services.Matcher.Overlay(new OverlayRequest(purls.Select(PackageFromPurl.Create).ToList(), null)).Findings;

    private static StoredAdvisory Stored(AdvisoryServices services, JsonObject record) =>
        services.Parser.Parse(System.Text.Encoding.UTF8.GetBytes(record.ToJsonString()), "test").Advisory!;

    [Fact]
    public void Two_sources_publishing_the_same_bare_id_both_stay_in_the_index_and_both_match()
    {
        var services = AdvisoryServices.CreateDetached();
        var debian = FeedFolder.Real("Debian", "CVE-2016-10046");           // imagemagick on Debian
        var alpine = FeedFolder.Real("Alpine", "CVE-2018-5407");            // openssl on Alpine, re-filed under the same id
        alpine["id"] = "CVE-2016-10046";
        services.Matcher.Apply([Stored(services, debian)]);
        services.Matcher.Apply([Stored(services, alpine)]);
        Assert.Equal(2, services.Index.Count);
        var deb = Match(services, "pkg:deb/debian/imagemagick@6.9.6.1-1?distro=debian-12&epoch=8");
        var apk = Match(services, "pkg:apk/alpine/openssl@1.0.2p-r0?distro=alpine-3.4.6");
        Assert.Equal("debian", Assert.Single(deb, f => f.Id == "CVE-2016-10046").Source);
        Assert.Equal("alpine", Assert.Single(apk, f => f.Id == "CVE-2016-10046").Source);
    }

    [Fact]
    public void Findings_merged_by_alias_keep_every_source()
    {
        var hit = Match(index.Services, "pkg:pypi/plone@5.2.0").Single(f => f.Id == "CVE-2020-28736");
        Assert.Contains("GHSA-2c8c-84w2-j38j", hit.Aliases);
        Assert.Contains("PYSEC-2020-248", hit.Aliases);
        Assert.Equal(["ghsa", "pypa"], hit.Sources);
    }

    [Fact]
    public void A_real_record_without_modified_is_loaded_and_matches()
    {
        Assert.DoesNotContain(index.SkippedRecords, e => e.Contains("MAL-2023-995"));
        var mal = Match(index.Services, "pkg:npm/yandex-yt-yson-bindings@103.99.99").Single(f => f.Id == "MAL-2023-995");
        Assert.Equal(FindingKinds.Vulnerability, mal.Kind);
    }

    [Fact]
    public void An_rpm_epoch_qualifier_is_part_of_the_version_compared()
    {
        // ALSA-2026:25237 fixes openssl-libs in 1:3.5.5-4.el10_2.alma.1.
        const string fixedLater = "pkg:rpm/almalinux/openssl-libs@3.5.5-5.el10?arch=x86_64&epoch=1&distro=almalinux-10.0";
        const string before = "pkg:rpm/almalinux/openssl-libs@3.5.5-3.el10?arch=x86_64&epoch=1&distro=almalinux-10.0";
        Assert.DoesNotContain(Match(index.Services, fixedLater), f => f.Id == "ALSA-2026:25237" || f.Aliases.Contains("ALSA-2026:25237"));
        var hit = Match(index.Services, before).Single(f => f.Id == "ALSA-2026:25237" || f.Aliases.Contains("ALSA-2026:25237"));
        Assert.Equal(FindingKinds.Vulnerability, hit.Kind);

        // A range that starts at epoch 1 covers the package only with its epoch.
        var services = AdvisoryServices.CreateDetached();
        var record = FeedFolder.Real("AlmaLinux", "ALSA-2026_25237");
        foreach (var a in record["affected"]!.AsArray())
            a!["ranges"] = new JsonArray(new JsonObject { ["type"] = "ECOSYSTEM", ["events"] = new JsonArray(
                new JsonObject { ["introduced"] = "1:3.5.0-1.el10" }, new JsonObject { ["fixed"] = "1:3.5.5-6.el10" }) });
        services.Matcher.Apply([Stored(services, record)]);
        Assert.Contains(Match(services, fixedLater), f => f.Id == "ALSA-2026:25237" || f.Aliases.Contains("ALSA-2026:25237"));
    }

    [Fact]
    public void Trivy_Src_properties_give_the_source_version_with_its_epoch()
    {
        var sbom = new SbomNormalizer().Normalize(File.ReadAllBytes(TestData.Path("sbom", "images", "trivy", "centos-7-cyclonedx.json")));
        var libs = sbom.Packages.Single(p => p.Purl != null && p.Purl.StartsWith("pkg:rpm/centos/openssl-libs@", StringComparison.Ordinal));
        Assert.Equal("openssl", libs.SourcePackage);
        Assert.Equal("1:1.0.2k-16.el7", libs.SourceVersion);
    }

    [Fact]
    public void A_source_keyed_advisory_compares_the_source_version_trivy_states()
    {
        // Debian advisories are keyed on the source package; the binary's own version says nothing about the source's.
        var services = AdvisoryServices.CreateDetached();
        services.Matcher.Apply([Stored(services, FeedFolder.Real("Debian", "CVE-2016-10046"))]);
        var binary = new PackageRecord
        {
            Purl = "pkg:deb/debian/libmagickcore-6.q16-6@1.0-1?distro=debian-12", Type = "deb", Name = "libmagickcore-6.q16-6", Version = "1.0-1",
            SourcePackage = "imagemagick", SourceVersion = "8:6.9.6.2+dfsg-2",
        };
        var findings = services.Matcher.Overlay(new OverlayRequest([binary], null)).Findings;
        Assert.DoesNotContain(findings, f => f.Id == "CVE-2016-10046");
        var vulnerable = binary with { SourceVersion = "8:6.9.6.1+dfsg-1" };
        Assert.Contains(services.Matcher.Overlay(new OverlayRequest([vulnerable], null)).Findings, f => f.Id == "CVE-2016-10046");
    }
}
