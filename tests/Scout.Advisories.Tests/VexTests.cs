using Scout.Advisories.Vex;
using Scout.Core.Model;
using Scout.Testing;

namespace Scout.Advisories.Tests;

public class VexTests
{
    private static VexDocumentRecord Load(string format, params string[] path) =>
        new(Path.GetFileName(path[^1]), format, File.ReadAllText(TestData.Path(path)), DateTimeOffset.UnixEpoch);

    private static Finding Vuln(string id, string purl, params string[] aliases) =>
        new() { Id = id, Kind = FindingKinds.Vulnerability, Purl = purl, Aliases = aliases };

    [Fact]
    public void OpenVex_not_affected_with_subcomponents_is_read()
    {
        var s = Assert.Single(VexParser.Parse(Load("openvex", "sbom", "vex", "openvex", "guac", "open-vex-not-affected.json")));
        Assert.Equal(("CVE-2023-12345", VexStatuses.NotAffected, "inline_mitigations_already_exist"), (s.Vulnerability, s.Status, s.Justification));
        Assert.Equal(["pkg:apk/alpine/git@2.38.1-r0?arch=x86_64", "pkg:apk/alpine/git@2.38.1-r0?arch=ppc64le"], s.Products);
        Assert.True(s.Suppresses);
    }

    [Fact]
    public void Not_affected_suppresses_but_keeps_the_finding()
    {
        var statements = VexParser.Parse(Load("openvex", "sbom", "vex", "openvex", "guac", "open-vex-not-affected.json"));
        var findings = new[]
        {
            Vuln("CVE-2023-12345", "pkg:apk/alpine/git@2.38.1-r0?arch=x86_64&distro=alpine-3.17"),
            Vuln("CVE-2023-99999", "pkg:apk/alpine/git@2.38.1-r0?arch=x86_64&distro=alpine-3.17"),
            Vuln("GHSA-xxxx", "pkg:apk/alpine/git@2.38.1-r0?arch=x86_64", "CVE-2023-12345"),
            Vuln("CVE-2023-12345", "pkg:apk/alpine/git@2.40.0-r0"),
        };
        var (result, warnings) = VexApplier.Apply(findings, statements, GitImage);
        Assert.Equal(4, result.Count);
        Assert.True(result[0].Suppressed);
        Assert.Equal(new VexAssessment("not_affected", "inline_mitigations_already_exist"), result[0].Vex);
        Assert.False(result[1].Suppressed);   // another vulnerability
        Assert.True(result[2].Suppressed);    // matched through an alias
        Assert.False(result[3].Suppressed);   // another version
        Assert.Empty(warnings);
    }

    private static readonly ImageSubject GitImage = new("sha256:23a264e6e429852221a963e9f17338ba3f5796dc7086e46439a6f4482cf6e0cb", "docker.io/library/git");

    [Fact]
    public void A_statement_about_another_image_suppresses_nothing_here_and_warns()
    {
        var statements = VexParser.Parse(Load("openvex", "sbom", "vex", "openvex", "guac", "open-vex-not-affected.json"));
        var finding = Vuln("CVE-2023-12345", "pkg:apk/alpine/git@2.38.1-r0?arch=x86_64&distro=alpine-3.17");
        var other = new ImageSubject("sha256:" + new string('b', 64), "docker.io/library/git");
        var (result, warnings) = VexApplier.Apply([finding], statements, other);
        Assert.False(result[0].Suppressed);
        Assert.Null(result[0].Vex);
        Assert.Contains("matches no finding", Assert.Single(warnings).Message);
        var (noImage, _) = VexApplier.Apply([finding], statements, null);
        Assert.False(noImage[0].Suppressed);
    }

    [Theory]
    [InlineData("pkg:oci/other-image@sha256%3A" + "cccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc", false)]
    [InlineData("pkg:oci/app@sha256%3A" + "dddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddd", true)]
    [InlineData("pkg:oci/app", true)]
    [InlineData("pkg:oci/other", false)]
    [InlineData("sha256:dddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddd", true)]
    [InlineData("pkg:npm/left-pad", true)]
    [InlineData("pkg:npm/right-pad", false)]
    public void Image_products_apply_only_to_the_image_they_identify(string product, bool applies)
    {
        var image = new ImageSubject("sha256:" + new string('d', 64), "registry.example.com/team/app:1.2");
        var s = new VexStatement("d", "CVE-1", [], [product], "not_affected", "component_not_present");
        var (result, warnings) = VexApplier.Apply([Vuln("CVE-1", "pkg:npm/left-pad@1.0.0")], [s], image);
        Assert.Equal(applies, result[0].Suppressed);
        Assert.Equal(applies ? 0 : 1, warnings.Count);
    }

    [Fact]
    public void Affected_statements_annotate_without_suppressing_and_unmatched_ones_warn()
    {
        var statements = VexParser.Parse(Load("openvex", "sbom", "vex", "openvex", "guac", "open-vex-affected.json"));
        var (hit, none) = VexApplier.Apply([Vuln("CVE-1234-5678", "pkg:apk/wolfi/bash@1.0.0")], statements);
        Assert.False(hit[0].Suppressed);
        Assert.Equal("affected", hit[0].Vex?.Status);
        Assert.Empty(none);
        var (_, warnings) = VexApplier.Apply([Vuln("CVE-1234-5678", "pkg:apk/wolfi/bash@2.0.0")], statements);
        Assert.Contains("matches no finding", Assert.Single(warnings).Message);
    }

    [Fact]
    public void CycloneDx_analysis_state_is_read_and_false_positive_suppresses()
    {
        var doc = Load("cyclonedx", "sbom", "cyclonedx", "1.6", "guac", "cyclonedx-vex-false-positive.json");
        var statements = VexParser.Parse(doc);
        Assert.NotEmpty(statements);
        Assert.All(statements, s => Assert.Equal(VexStatuses.FalsePositive, s.Status));
        Assert.Equal("CVE-2024-0002", statements[0].Vulnerability);
        Assert.True(statements[0].Suppresses);
        Assert.Equal("cyclonedx", VexParser.DetectFormat(doc.Json));
    }

    [Fact]
    public void Image_level_products_apply_to_every_package()
    {
        var s = new VexStatement("d", "CVE-1", [], ["pkg:oci/app@sha256%3Aabc"], "not_affected", "component_not_present");
        var (result, _) = VexApplier.Apply([Vuln("CVE-1", "pkg:npm/left-pad@1.0.0")], [s], new ImageSubject("sha256:abc", null));
        Assert.True(result[0].Suppressed);
    }

    [Fact]
    public void Broken_documents_are_input_errors()
    {
        Assert.Throws<Scout.Core.Ports.InputException>(() => VexParser.Parse(new VexDocumentRecord("d", "openvex", "{", DateTimeOffset.UnixEpoch)));
        Assert.Throws<Scout.Core.Ports.InputException>(() => VexParser.Parse(new VexDocumentRecord("d", "unknown", "{\"a\":1}", DateTimeOffset.UnixEpoch)));
    }
}

public class VexStatementCacheTests
{
    [Fact]
    public void A_document_is_parsed_once_and_its_statements_are_reused()
    {
        var cache = new VexStatementCache();
        var doc = new VexDocumentRecord("vex_1", "openvex", File.ReadAllText(TestData.Path("sbom", "vex", "openvex", "guac", "open-vex-not-affected.json")), DateTimeOffset.UnixEpoch);
        var first = cache.Statements(doc);
        var again = cache.Statements(doc with { AttachedAt = DateTimeOffset.UtcNow });
        Assert.Same(first, again);
        Assert.Equal(1, cache.Parses);
    }
}
