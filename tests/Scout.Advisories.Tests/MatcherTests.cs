using System.Text.Json.Nodes;
using Scout.Advisories.Matching;
using Scout.Core.Model;
using Scout.Core.Ports;
using Scout.Sbom;
using Scout.Testing;

namespace Scout.Advisories.Tests;

/// <summary>Matching against an index of the real OSV records in the test data (the way grype's matcher tests use
/// mini-databases built from real records): inside the range -> finding; at the fix -> none; other release -> none.</summary>
public class MatcherTests(RealIndexFixture index) : IClassFixture<RealIndexFixture>
{
    private IReadOnlyList<Finding> Match(string purl, OsRelease? os = null) =>
        index.Services.Matcher.Overlay(new OverlayRequest([PackageFromPurl.Create(purl)], os)).Findings;

    private static string? FixedIn(string folder, string id, string ecosystem, string name) =>
        FeedFolder.Real(folder, id)["affected"]!.AsArray()
            .Where(a => (string?)a!["package"]?["ecosystem"] == ecosystem && (string?)a!["package"]?["name"] == name)
            .SelectMany(a => a!["ranges"]!.AsArray()).SelectMany(r => r!["events"]!.AsArray())
            .Select(e => (string?)e!["fixed"]).FirstOrDefault(v => v != null);

    [Fact]
    public void Npm_version_inside_the_semver_range_matches_and_the_fixed_version_does_not()
    {
        var fixedIn = FixedIn("npm", "GHSA-29mw-wpgm-hmr9", "npm", "lodash")!;
        var hit = Match("pkg:npm/lodash@4.17.20").Single(f => f.Aliases.Contains("GHSA-29mw-wpgm-hmr9") || f.Id == "GHSA-29mw-wpgm-hmr9");
        Assert.Equal("CVE-2020-28500", hit.Id);                       // the CVE alias is the preferred id
        Assert.Equal(FindingKinds.Vulnerability, hit.Kind);
        Assert.Contains(fixedIn, hit.FixedVersions);
        Assert.Equal(FixStates.Fixed, hit.FixState);
        Assert.Equal("ghsa", hit.Source);
        Assert.Equal("ecosystem-name", hit.MatchType);
        Assert.NotNull(hit.AdvisoryModified);
        Assert.NotNull(hit.Snapshot);
        Assert.DoesNotContain(Match($"pkg:npm/lodash@{fixedIn}"), f => f.Aliases.Contains("GHSA-29mw-wpgm-hmr9") || f.Id == "CVE-2020-28500");
    }

    [Fact]
    public void Advisories_for_the_same_vulnerability_merge_into_one_finding_per_package()
    {
        var findings = Match("pkg:cargo/time@0.2.22").Where(f => f.Id == "CVE-2020-26235").ToList();
        var f = Assert.Single(findings);
        Assert.Contains("RUSTSEC-2020-0071", f.Aliases);
        Assert.Contains("GHSA-wcg3-cvx6-7396", f.Aliases);
        Assert.Equal(("3.1", 6.2), (f.Cvss?.Version, f.Cvss?.Score));   // RUSTSEC's vector, scored by our calculator
        Assert.Equal(Severities.Medium, f.Severity);
        // At the fix RUSTSEC says "not affected"; GHSA's first entry bounds "0.1".."0.2", which are not SemVer versions:
        // that entry cannot be decided, so the vulnerability stays visible as indeterminate, never as a plain miss.
        var atFix = Match("pkg:cargo/time@0.2.23").Where(x => x.Id == "CVE-2020-26235").ToList();
        Assert.DoesNotContain(atFix, x => x.Kind == FindingKinds.Vulnerability);
        Assert.All(atFix, x => Assert.Contains("GHSA-wcg3-cvx6-7396", x.Detail));
    }

    [Fact]
    public void Debian_binary_matches_through_its_source_package_in_its_release_only()
    {
        var fixedIn = FixedIn("Debian", "CVE-2016-10046", "Debian:12", "imagemagick")!;
        const string binary = "pkg:deb/debian/libmagickcore-6.q16-6@8:6.9.6.1%2Bdfsg-1?upstream=imagemagick";
        var hit = Match(binary + "&distro=debian-12").Single(f => f.Id == "CVE-2016-10046");
        Assert.Equal("source-package", hit.MatchType);
        Assert.Equal("debian", hit.Source);
        Assert.Equal([fixedIn], hit.FixedVersions);
        Assert.Equal((Severities.Medium, 5.5), (hit.Severity, hit.Cvss?.Score));
        Assert.DoesNotContain(Match($"pkg:deb/debian/libmagickcore-6.q16-6@{Uri.EscapeDataString(fixedIn)}?upstream=imagemagick&distro=debian-12"), f => f.Id == "CVE-2016-10046");
        Assert.DoesNotContain(Match(binary + "&distro=debian-10"), f => f.Id == "CVE-2016-10046");   // no Debian:10 entry
        // Without a distro qualifier the SBOM's OS decides the release.
        Assert.Contains(Match(binary, new OsRelease("debian", "12")), f => f.Id == "CVE-2016-10046");
    }

    [Fact]
    public void Source_keyed_advisories_compare_the_source_version_when_the_sbom_states_it()
    {
        // A binary whose own version sorts past the fix (a higher epoch) but whose source package is still the
        // vulnerable one: comparing the binary's version would be a silent miss.
        var fixedIn = FixedIn("Debian", "CVE-2016-10046", "Debian:12", "imagemagick")!;
        var upstream = Uri.EscapeDataString("imagemagick@8:6.9.6.1+dfsg-1");
        var hit = Match($"pkg:deb/debian/libmagickcore-6.q16-6@9:6.9.6.1%2Bdfsg-1?upstream={upstream}&distro=debian-12")
            .Single(f => f.Id == "CVE-2016-10046");
        Assert.Equal("source-package", hit.MatchType);
        Assert.Equal("9:6.9.6.1+dfsg-1", hit.InstalledVersion);
        // And a source at the fixed version is not affected, whatever the binary's version says.
        var patched = Uri.EscapeDataString($"imagemagick@{fixedIn}");
        Assert.DoesNotContain(Match($"pkg:deb/debian/libmagickcore-6.q16-6@1:0.1-1?upstream={patched}&distro=debian-12"), f => f.Id == "CVE-2016-10046");
    }

    [Fact]
    public void Alpine_sbom_from_a_real_image_gets_the_musl_finding_for_both_musl_packages()
    {
        var sbom = new SbomNormalizer().Normalize(File.ReadAllBytes(TestData.Path("sbom", "images", "osv-scanner-sbom-insecure", "alpine.cdx.xml")));
        var result = index.Services.Matcher.Overlay(new OverlayRequest(sbom.Packages, sbom.Os));
        var musl = result.Findings.Where(f => f.Id == "CVE-2025-26519").ToList();
        Assert.Equal(2, musl.Count);   // one per package: ALPINE-CVE-2025-26519 (upstream CVE-2025-26519) merged in
        Assert.All(musl, f => Assert.Contains("ALPINE-CVE-2025-26519", f.Aliases));
        Assert.DoesNotContain(result.Findings, f => f.Id == "ALPINE-CVE-2025-26519");
        Assert.Contains(musl, f => f.Purl!.StartsWith("pkg:apk/alpine/musl-utils@") && f.MatchType == "source-package");
        Assert.All(musl, f => Assert.Equal([FixedIn("Alpine", "CVE-2025-26519", "Alpine:v3.17", "musl")!], f.FixedVersions));
        // Every package either has index keys or is reported: none is silently skipped.
        var keyed = sbom.Packages.Count(p => index.Services.Matcher.KeysOf(p, sbom.Os).Count > 0);
        Assert.Equal(sbom.Packages.Count, keyed + result.Warnings.Count(w => w.Path.StartsWith("packages[")));
        // Another release: the record has no Alpine:v3.15 entry.
        var other = sbom.Packages.Select(p => p with { Purl = p.Purl?.Replace("distro=alpine-3.17.2", "distro=alpine-3.15.0") }).ToList();
        Assert.DoesNotContain(index.Services.Matcher.Overlay(new OverlayRequest(other, null)).Findings, f => f.Id == "CVE-2025-26519");
    }

    [Fact]
    public void Unknown_version_scheme_is_an_indeterminate_finding_not_a_silent_skip()
    {
        // CRAN has no version scheme here: the readxl record must not decide either way.
        // (1.0.1 is not in the record's versions list, so only the range could decide.)
        var f = Assert.Single(Match("pkg:cran/readxl@1.0.1"), x => x.Aliases.Contains("RSEC-2023-0") || x.Id == "RSEC-2023-0");
        Assert.Equal(FindingKinds.Indeterminate, f.Kind);
        Assert.Equal("indeterminate-version", f.MatchType);
        Assert.Contains("no version scheme", f.Detail);
    }

    [Fact]
    public void Git_only_ranges_are_indeterminate()
    {
        var record = Scout.Advisories.Osv.OsvReader.Read(File.ReadAllBytes(Directory.EnumerateFiles(TestData.Path("osv", "OSS-Fuzz"), "*.json").Order().First())).Advisory!;
        var entry = record.Affected.First(a => a.Ranges.All(r => r.Type == "GIT") && a.Versions.Count == 0);
        var decision = DefaultAdapters.Evaluator.Evaluate(entry.Package!.Ecosystem, "1.0.0", entry);
        Assert.Equal(AffectedStatus.Indeterminate, decision.Status);
        Assert.Contains("GIT", decision.Reason);
    }

    [Fact]
    public void Packages_without_an_advisory_ecosystem_are_reported()
    {
        var result = index.Services.Matcher.Overlay(new OverlayRequest(
            [PackageFromPurl.Create("pkg:generic/openssl@3.0.0"), PackageFromPurl.Create("pkg:deb/debian/bash@5.1-2")], null));
        Assert.Equal(2, result.Warnings.Count);
        Assert.Contains("generic", result.Warnings[0].Message);
        Assert.Contains("no debian release", result.Warnings[1].Message);
    }

    [Fact]
    public void Withdrawn_advisories_do_not_match()
    {
        var services = AdvisoryServices.CreateDetached();
        var record = FeedFolder.Real("npm", "GHSA-29mw-wpgm-hmr9");
        services.Matcher.Apply([Stored(services, record)]);
        var package = PackageFromPurl.Create("pkg:npm/lodash@4.17.20");
        Assert.Single(services.Matcher.Overlay(new OverlayRequest([package], null)).Findings);
        record["withdrawn"] = "2026-01-01T00:00:00Z";
        record["modified"] = "2026-01-01T00:00:00Z";
        services.Matcher.Apply([Stored(services, record)]);
        Assert.Empty(services.Matcher.Overlay(new OverlayRequest([package], null)).Findings);
    }

    [Fact]
    public void Vex_not_affected_suppresses_a_real_match()
    {
        var vex = new VexDocumentRecord("v1", "openvex", """
            {"@context":"https://openvex.dev/ns/v0.2.0","@id":"v1","author":"a","timestamp":"2026-01-01T00:00:00Z","version":1,
             "statements":[{"vulnerability":{"name":"CVE-2020-28500"},"products":[{"@id":"pkg:npm/lodash@4.17.20"}],
                            "status":"not_affected","justification":"vulnerable_code_not_in_execute_path"},
                           {"vulnerability":{"name":"CVE-2099-0001"},"products":[{"@id":"pkg:npm/lodash"}],"status":"not_affected"}]}
            """, DateTimeOffset.UnixEpoch);
        var result = index.Services.Matcher.Overlay(new OverlayRequest([PackageFromPurl.Create("pkg:npm/lodash@4.17.20")], null) { Vex = [vex] });
        var f = result.Findings.Single(x => x.Id == "CVE-2020-28500");
        Assert.True(f.Suppressed);
        Assert.Equal(new VexAssessment("not_affected", "vulnerable_code_not_in_execute_path"), f.Vex);
        Assert.Contains(result.Warnings, w => w.Message.Contains("CVE-2099-0001"));
    }

    [Fact]
    public void Every_loadable_record_was_indexed()
    {
        Assert.True(index.Services.Index.Count > 5000);
        Assert.All(index.SkippedRecords, e => Assert.Contains("modified", e));
    }

    internal static StoredAdvisory Stored(AdvisoryServices services, JsonObject record) =>
        services.Parser.Parse(System.Text.Encoding.UTF8.GetBytes(record.ToJsonString()), "test").Advisory!;
}
