using Scout.Versions.Osv;

namespace Scout.Versions.Tests;

/// <summary>
/// Real advisories from ../shared/testdata/osv; each installed version was chosen by reading the record's ranges
/// (inside, on a bound, past a fix), and the expected verdict follows from the OSV schema's evaluation rules.
/// </summary>
public class OsvEvaluatorRealRecordTests
{
    private static AffectedVerdict Evaluate(string record, int entry, string installed, string? ecosystemOverride = null)
    {
        var affected = OsvRecords.Affected(record)[entry];
        var scheme = VersionSchemes.ForEcosystem(ecosystemOverride ?? affected.Ecosystem);
        return OsvAffectedEvaluator.Evaluate(scheme, installed, affected.Versions, affected.Ranges);
    }

    [Theory]
    // Debian:9 dpkg, introduced 0, fixed 1.18.26; 1.18.24/25 listed.
    [InlineData("Debian/DLA-3022-1.json", 0, "1.18.25", AffectedStatus.Affected)]
    [InlineData("Debian/DLA-3022-1.json", 0, "1.18.25+b1", AffectedStatus.Affected)]
    [InlineData("Debian/DLA-3022-1.json", 0, "1.18.26", AffectedStatus.NotAffected)]
    [InlineData("Debian/DLA-3022-1.json", 0, "1.18.26+deb9u1", AffectedStatus.NotAffected)]
    [InlineData("Debian/DLA-3022-1.json", 0, "1:1.0", AffectedStatus.NotAffected)]
    // Ubuntu:22.04:LTS wayland, fixed 1.20.0-1ubuntu0.1: a '~' build sorts before it.
    [InlineData("Ubuntu/UBUNTU-CVE-2021-3782.json", 3, "1.20.0-1", AffectedStatus.Affected)]
    [InlineData("Ubuntu/UBUNTU-CVE-2021-3782.json", 3, "1.20.0-1ubuntu0.1~esm1", AffectedStatus.Affected)]
    [InlineData("Ubuntu/UBUNTU-CVE-2021-3782.json", 3, "1.20.0-1ubuntu0.1", AffectedStatus.NotAffected)]
    // Alpine:v3.16 mariadb fixed 10.6.8-r0: an _rc of 10.6.8 is before it, -r1 after.
    [InlineData("Alpine/CVE-2022-27449.json", 4, "10.6.7-r0", AffectedStatus.Affected)]
    [InlineData("Alpine/CVE-2022-27449.json", 4, "10.6.8_rc1-r0", AffectedStatus.Affected)]
    [InlineData("Alpine/CVE-2022-27449.json", 4, "10.6.8-r0", AffectedStatus.NotAffected)]
    [InlineData("Alpine/CVE-2022-27449.json", 4, "10.6.8-r1", AffectedStatus.NotAffected)]
    // AlmaLinux:10 golang-docs fixed 1.24.4-1.el10_0.alma.1.
    [InlineData("AlmaLinux/ALSA-2025_10677.json", 0, "1.24.4-1.el10_0", AffectedStatus.Affected)]
    [InlineData("AlmaLinux/ALSA-2025_10677.json", 0, "1.24.4-1.el10_0.alma.1", AffectedStatus.NotAffected)]
    [InlineData("AlmaLinux/ALSA-2025_10677.json", 0, "1.24.5-1.el10", AffectedStatus.NotAffected)]
    // Red Hat git-lfs fixed 0:2.13.3-3.el8_6.1: no epoch means 0; epoch 1 outranks everything.
    [InlineData("Red_Hat/RHSA-2024_4546.json", 0, "2.13.3-3.el8_6", AffectedStatus.Affected)]
    [InlineData("Red_Hat/RHSA-2024_4546.json", 0, "0:2.13.3-3.el8_6.1", AffectedStatus.NotAffected)]
    [InlineData("Red_Hat/RHSA-2024_4546.json", 0, "1:1.0-1.el8", AffectedStatus.NotAffected)]
    // SUSE chromium fixed 51.0.2704.103-85.3.
    [InlineData("SUSE/openSUSE-SU-2016_1623-1.json", 0, "50.0.2661.102-80.1", AffectedStatus.Affected)]
    [InlineData("SUSE/openSUSE-SU-2016_1623-1.json", 0, "51.0.2704.103-85.3", AffectedStatus.NotAffected)]
    // Maven tomcat: 9.0.0.M1 <= v < 9.0.106, and 8.5.0 <= v <= 8.5.100 (last_affected).
    [InlineData("Maven/GHSA-h3gc-qfqq-6h8f.json", 2, "9.0.105", AffectedStatus.Affected)]
    [InlineData("Maven/GHSA-h3gc-qfqq-6h8f.json", 2, "9.0.0-M5", AffectedStatus.Affected)]
    [InlineData("Maven/GHSA-h3gc-qfqq-6h8f.json", 2, "9.0.106", AffectedStatus.NotAffected)]
    [InlineData("Maven/GHSA-h3gc-qfqq-6h8f.json", 2, "8.5.100", AffectedStatus.NotAffected)]
    [InlineData("Maven/GHSA-h3gc-qfqq-6h8f.json", 6, "8.5.100", AffectedStatus.Affected)]
    [InlineData("Maven/GHSA-h3gc-qfqq-6h8f.json", 6, "8.5.101", AffectedStatus.NotAffected)]
    // The same events unsorted ([fixed 2, introduced 3, introduced 4, fixed 5]) and a limit ([introduced 10, limit 13]).
    [InlineData("Maven/GSD-2022-1000008.json", 3, "1.5", AffectedStatus.NotAffected)]
    [InlineData("Maven/GSD-2022-1000008.json", 3, "1", AffectedStatus.Affected)] // = listed 1.0.0.RELEASE in Maven's order
    [InlineData("Maven/GSD-2022-1000008.json", 3, "2.5", AffectedStatus.NotAffected)]
    [InlineData("Maven/GSD-2022-1000008.json", 3, "3.5", AffectedStatus.Affected)]
    [InlineData("Maven/GSD-2022-1000008.json", 3, "5", AffectedStatus.NotAffected)]
    [InlineData("Maven/GSD-2022-1000008.json", 5, "11", AffectedStatus.Affected)]
    [InlineData("Maven/GSD-2022-1000008.json", 5, "13", AffectedStatus.NotAffected)]
    [InlineData("Maven/GSD-2022-1000008.json", 5, "9", AffectedStatus.NotAffected)]
    // crates.io wasmtime, SEMVER, three intervals from 0.0.0-0.
    [InlineData("crates.io/RUSTSEC-2023-0090.json", 0, "0.1.0-alpha", AffectedStatus.Affected)]
    [InlineData("crates.io/RUSTSEC-2023-0090.json", 0, "4.0.0", AffectedStatus.Affected)]
    [InlineData("crates.io/RUSTSEC-2023-0090.json", 0, "4.0.1", AffectedStatus.NotAffected)]
    [InlineData("crates.io/RUSTSEC-2023-0090.json", 0, "5.0.0", AffectedStatus.Affected)]
    [InlineData("crates.io/RUSTSEC-2023-0090.json", 0, "5.0.1", AffectedStatus.NotAffected)]
    [InlineData("crates.io/RUSTSEC-2023-0090.json", 0, "7.0.0", AffectedStatus.NotAffected)]
    // npm lodash (SEMVER fixed) and lodash.pick (SEMVER last_affected 4.4.0).
    [InlineData("npm/GHSA-p6mc-m468-83gw.json", 0, "4.17.15", AffectedStatus.Affected)]
    [InlineData("npm/GHSA-p6mc-m468-83gw.json", 0, "4.17.19", AffectedStatus.NotAffected)]
    [InlineData("npm/GHSA-p6mc-m468-83gw.json", 0, "3.6.0", AffectedStatus.NotAffected)]
    [InlineData("npm/GHSA-p6mc-m468-83gw.json", 2, "4.4.0", AffectedStatus.Affected)]
    [InlineData("npm/GHSA-p6mc-m468-83gw.json", 2, "4.4.1", AffectedStatus.NotAffected)]
    // RubyGems lodash-rails in the same record, ECOSYSTEM.
    [InlineData("npm/GHSA-p6mc-m468-83gw.json", 7, "4.17.15", AffectedStatus.Affected)]
    [InlineData("npm/GHSA-p6mc-m468-83gw.json", 7, "4.17.19", AffectedStatus.NotAffected)]
    // npm malware: versions list only.
    [InlineData("npm/MAL-2025-46974.json", 0, "4.4.2", AffectedStatus.Affected)]
    [InlineData("npm/MAL-2025-46974.json", 0, "4.4.1", AffectedStatus.NotAffected)]
    // Go mattermost: SEMVER bounds with +incompatible, and a pseudo-version fix.
    [InlineData("Go/GO-2025-3480.json", 0, "v9.11.7+incompatible", AffectedStatus.Affected)]
    [InlineData("Go/GO-2025-3480.json", 0, "v9.11.8+incompatible", AffectedStatus.NotAffected)]
    [InlineData("Go/GO-2025-3480.json", 0, "v10.1.0+incompatible", AffectedStatus.NotAffected)]
    [InlineData("Go/GO-2025-3480.json", 3, "v8.0.0-20241201000000-abcdefabcdef", AffectedStatus.Affected)]
    [InlineData("Go/GO-2025-3480.json", 3, "v8.0.0-20250201000000-abcdefabcdef", AffectedStatus.NotAffected)]
    // Pub agent_dart fixed 1.0.0-dev.29.
    [InlineData("Pub/GHSA-fmj7-7gfw-64pg.json", 0, "1.0.0-dev.28", AffectedStatus.Affected)]
    [InlineData("Pub/GHSA-fmj7-7gfw-64pg.json", 0, "1.0.0-dev.29", AffectedStatus.NotAffected)]
    [InlineData("Pub/GHSA-fmj7-7gfw-64pg.json", 0, "1.0.0", AffectedStatus.NotAffected)]
    // Hex grpc SEMVER 0.3.1 .. 1.0.0.
    [InlineData("Hex/EEF-CVE-2026-48854.json", 0, "0.5.0", AffectedStatus.Affected)]
    [InlineData("Hex/EEF-CVE-2026-48854.json", 0, "1.0.0", AffectedStatus.NotAffected)]
    // NuGet, Packagist (v prefix, RC spelling), PyPI entries of one GHSA, all fixed 3.15.0.
    [InlineData("NuGet/GHSA-77rm-9x9h-xj3g.json", 0, "3.14.0", AffectedStatus.Affected)]
    [InlineData("NuGet/GHSA-77rm-9x9h-xj3g.json", 0, "3.15.0-rc1", AffectedStatus.Affected)]
    [InlineData("NuGet/GHSA-77rm-9x9h-xj3g.json", 0, "3.15.0", AffectedStatus.NotAffected)]
    [InlineData("NuGet/GHSA-77rm-9x9h-xj3g.json", 1, "v3.11.0RC2", AffectedStatus.Affected)]
    [InlineData("NuGet/GHSA-77rm-9x9h-xj3g.json", 1, "v3.15.0", AffectedStatus.NotAffected)]
    [InlineData("NuGet/GHSA-77rm-9x9h-xj3g.json", 4, "3.15.0rc1", AffectedStatus.Affected)]
    [InlineData("NuGet/GHSA-77rm-9x9h-xj3g.json", 4, "3.15", AffectedStatus.NotAffected)]
    // Packagist (Drupal repository suffix on the ecosystem) fixed 1.2.1; a branch has no order.
    [InlineData("Packagist/DRUPAL-CONTRIB-2025-019.json", 0, "1.2.0", AffectedStatus.Affected)]
    [InlineData("Packagist/DRUPAL-CONTRIB-2025-019.json", 0, "1.2.1", AffectedStatus.NotAffected)]
    [InlineData("Packagist/DRUPAL-CONTRIB-2025-019.json", 0, "dev-1.x", AffectedStatus.Indeterminate)]
    // RubyGems carrierwave.
    [InlineData("RubyGems/GHSA-gxhx-g4fq-49hj.json", 0, "3.0.4", AffectedStatus.Affected)]
    [InlineData("RubyGems/GHSA-gxhx-g4fq-49hj.json", 0, "3.0.5", AffectedStatus.NotAffected)]
    [InlineData("RubyGems/GHSA-gxhx-g4fq-49hj.json", 1, "2.2.5", AffectedStatus.NotAffected)]
    // PyPI zope: GIT + ECOSYSTEM + versions; the GIT range is noted, not evaluated.
    [InlineData("PyPI/PYSEC-2021-368.json", 0, "4.6.2", AffectedStatus.Affected)]
    [InlineData("PyPI/PYSEC-2021-368.json", 0, "5.2", AffectedStatus.Affected)]
    [InlineData("PyPI/PYSEC-2021-368.json", 0, "4.6.3", AffectedStatus.NotAffected)]
    [InlineData("PyPI/PYSEC-2021-368.json", 0, "5.3", AffectedStatus.NotAffected)]
    [InlineData("PyPI/PYSEC-2021-368.json", 0, "not a version", AffectedStatus.Indeterminate)]
    // OSS-Fuzz: GIT ranges only.
    [InlineData("OSS-Fuzz/OSV-2022-1109.json", 0, "1.0", AffectedStatus.Indeterminate)]
    // CRAN has no scheme here: an exact listed string still matches, anything else is indeterminate.
    [InlineData("CRAN/RSEC-2023-0.json", 0, "1.0.0", AffectedStatus.Affected)]
    [InlineData("CRAN/RSEC-2023-0.json", 0, "1.2.0", AffectedStatus.Indeterminate)]
    public void Verdict_follows_the_record(string record, int entry, string installed, AffectedStatus expected) =>
        Assert.Equal(expected, Evaluate(record, entry, installed).Status);

    [Fact]
    public void Matched_range_names_the_interval_that_holds_the_version()
    {
        Assert.Equal(">=9.0.0.M1, <9.0.106", Evaluate("Maven/GHSA-h3gc-qfqq-6h8f.json", 2, "9.0.105").MatchedRange);
        Assert.Equal(">=8.5.0, <=8.5.100", Evaluate("Maven/GHSA-h3gc-qfqq-6h8f.json", 6, "8.5.3").MatchedRange);
        Assert.Equal("<1.18.26", Evaluate("Debian/DLA-3022-1.json", 0, "1.18.20").MatchedRange);
        Assert.Equal(">=5.0.0, <5.0.1", Evaluate("crates.io/RUSTSEC-2023-0090.json", 0, "5.0.0").MatchedRange);
        Assert.Equal("=4.4.2", Evaluate("npm/MAL-2025-46974.json", 0, "4.4.2").MatchedRange);
    }

    [Fact]
    public void Git_ranges_are_noted_when_another_range_decides_and_indeterminate_alone()
    {
        var decided = Evaluate("PyPI/PYSEC-2021-368.json", 0, "4.6.3");
        Assert.Equal(AffectedStatus.NotAffected, decided.Status);
        Assert.Equal(OsvAffectedEvaluator.GitNotEvaluated, decided.Reason);
        var alone = Evaluate("OSS-Fuzz/OSV-2022-1109.json", 0, "1.0");
        Assert.Equal(OsvAffectedEvaluator.GitNotEvaluated, alone.Reason);
    }

    [Fact]
    public void Invalid_installed_version_is_indeterminate_with_a_reason()
    {
        var verdict = Evaluate("PyPI/PYSEC-2021-368.json", 0, "not a version");
        Assert.Equal(AffectedStatus.Indeterminate, verdict.Status);
        Assert.Contains("not a valid pep440 version", verdict.Reason);
    }

    [Fact]
    public void A_semver_range_is_read_with_semver_rules_even_in_a_maven_record()
    {
        // GSD-2022-1000008 entry 2: ECOSYSTEM [introduced 1, fixed 2, introduced 3, fixed 4] + SEMVER [introduced 0, fixed 1].
        // "1" is no SemVer version, so the SEMVER range cannot decide; the ECOSYSTEM range can when it says affected.
        Assert.Equal(AffectedStatus.Affected, Evaluate("Maven/GSD-2022-1000008.json", 2, "3.5").Status);
        var undecided = Evaluate("Maven/GSD-2022-1000008.json", 2, "2.5");
        Assert.Equal(AffectedStatus.Indeterminate, undecided.Status);
        Assert.Contains("not a valid semver version", undecided.Reason);
    }

    [Fact]
    public void Fixed_versions_render_in_the_ecosystems_order()
    {
        var zope = OsvRecords.Affected("PyPI/PYSEC-2021-368.json")[0];
        var pypi = VersionSchemes.ForEcosystem("PyPI");
        Assert.Equal(["4.6.3", "5.3"], OsvRangeText.FixedVersions(pypi, zope.Ranges));
        Assert.Equal(["5.3"], OsvRangeText.FixedVersionsAfter(pypi, "5.0", zope.Ranges));
        Assert.Equal(">=4.0, <4.6.3 || >=5.0, <5.3", OsvRangeText.Describe(pypi, zope.Ranges.Single(r => r.Type == "ECOSYSTEM")));
        var wasmtime = OsvRecords.Affected("crates.io/RUSTSEC-2023-0090.json")[0];
        Assert.Equal(["4.0.1", "5.0.1", "6.0.1"], OsvRangeText.FixedVersions(VersionSchemes.ForEcosystem("crates.io"), wasmtime.Ranges));
    }
}
