using System.Text;
using Scout.Core.Model;

namespace Scout.Sbom.Tests;

/// <summary>The lenient schema checks on small documents written for the purpose: what is warned, where, and what is kept.</summary>
public class SchemaCheckTests
{
    private static NormalizedSbom Normalize(string document) => new SbomNormalizer().Normalize(Encoding.UTF8.GetBytes(document));

    private static NormalizedSbom WithLicenseId(string id) => Normalize($$$"""
        {"bomFormat":"CycloneDX","specVersion":"1.6","components":[{"type":"library","name":"a","version":"1","purl":"pkg:npm/a@1",
          "licenses":[{"license":{"id":"{{{id}}}"}}]}]}
        """);

    [Theory]
    [InlineData("MIT")]
    [InlineData("mit")]
    [InlineData("Apache-2.0")]
    [InlineData("GPL-2.0+")]
    [InlineData("GPL-2.0-only")]
    public void Spdx_list_ids_load_as_ids_without_warning(string id)
    {
        var result = WithLicenseId(id);
        Assert.Empty(result.Warnings);
        Assert.Equal([id], result.Packages.Single().Licenses);
    }

    [Theory]
    [InlineData("Apache-2", "not on the SPDX License List")]
    [InlineData("Apache 2.0", "not well-formed")]
    [InlineData("LicenseRef-acme", "LicenseRef- ids belong in license.name")]
    public void Other_ids_are_warned_at_the_id_and_kept_as_names(string id, string why)
    {
        var result = WithLicenseId(id);
        var warning = Assert.Single(result.Warnings);
        Assert.Equal("$.components[0].licenses[0].license.id", warning.Path);
        Assert.Contains(why, warning.Message);
        Assert.Equal(id, result.Packages.Single().LicenseExpression);
    }

    [Fact]
    public void Services_are_checked_and_their_refs_count_as_graph_nodes()
    {
        var result = Normalize("""
            {"bomFormat":"CycloneDX","specVersion":"1.5",
             "components":[{"type":"library","bom-ref":"a","name":"a","version":"1","purl":"pkg:npm/a@1"}],
             "services":[{"bom-ref":"svc","name":"api","data":[{"flow":"inbound","classification":"PII"}],
                          "services":[{"bom-ref":"inner","name":"db","data":[{"flow":"sideways","classification":"PII"}]}]},
                         {"bom-ref":"a","data":[]}],
             "dependencies":[{"ref":"svc","dependsOn":["a","inner"]}]}
            """);
        Assert.Collection(result.Warnings,
            w => Assert.Equal(("$.services[0].services[0].data[0].flow", true), (w.Path, w.Message.Contains("'sideways' is not a valid data flow direction"))),
            w => Assert.Equal(("$.services[1].bom-ref", true), (w.Path, w.Message.Contains("bom-ref 'a' is not unique (also at $.components[0].bom-ref)"))),
            w => Assert.Equal(("$.services[1].name", true), (w.Path, w.Message.Contains("service has no name"))));
        Assert.Single(result.Packages);
    }

    [Theory]
    [InlineData("1.6", true)]
    [InlineData("1.7", false)]
    public void Declared_and_concluded_licenses_mix_only_from_1_7(string specVersion, bool warned)
    {
        var result = Normalize($$$"""
            {"bomFormat":"CycloneDX","specVersion":"{{{specVersion}}}","components":[{"type":"library","name":"a","version":"1","purl":"pkg:npm/a@1",
              "licenses":[{"license":{"id":"MIT"}},{"expression":"MIT OR Apache-2.0"}]}]}
            """);
        Assert.Equal(warned, result.Warnings.Any(w => w.Path == "$.components[0].licenses" && w.Message.Contains("mixes an expression")));
    }

    [Fact]
    public void Xml_pedigree_swid_and_metadata_fields_are_warned_where_they_are()
    {
        var result = Normalize("""
            <?xml version="1.0"?>
            <bom xmlns="http://cyclonedx.org/schema/bom/1.7" version="1">
              <metadata><distribution>Unrestricted</distribution><distributionConstraints><tlp>PURPLE</tlp></distributionConstraints></metadata>
              <components>
                <component type="library"><name>a</name><version>1</version><purl>pkg:npm/a@1</purl>
                  <swid name="a" version="1"/>
                  <pedigree><patches><patch type="backport"><resolves><issue type="bug"><id>X-1</id></issue></resolves></patch></patches></pedigree>
                </component>
              </components>
            </bom>
            """);
        Assert.Equal(
            [
                "/bom/metadata/distribution", "/bom/metadata/distributionConstraints/tlp", "/bom/components/component[1]/swid/@tagId",
                "/bom/components/component[1]/pedigree/patches/patch[1]/resolves/issue[1]/@type",
            ],
            result.Warnings.Select(w => w.Path));
    }

    /// <summary>The embedded list (generated from npm spdx-license-ids) against the SPDX License List in the test data.</summary>
    [Fact]
    public void Every_id_of_the_published_spdx_list_loads_without_warning()
    {
        using var list = System.Text.Json.JsonDocument.Parse(File.ReadAllBytes(Scout.Testing.TestData.Path("licenses", "licenses.json")));
        var refused = list.RootElement.GetProperty("licenses").EnumerateArray().Select(l => l.GetProperty("licenseId").GetString()!)
            .Where(id => WithLicenseId(id).Warnings.Count > 0).ToList();
        Assert.True(refused.Count == 0, "SPDX ids warned as unknown: " + string.Join(", ", refused));
    }

    [Theory]
    [InlineData("GPL-2.0-only WITH Classpath-exception-2.0", false)]
    [InlineData("(MIT OR GPL-2.0-or-later WITH GCC-exception-3.1)", false)]
    [InlineData("GPL-2.0-only WITH AdditionRef-acme", false)]
    [InlineData("GPL-2.0-only WITH Acme-exception", true)]
    public void Exceptions_after_with_are_checked_against_the_spdx_exception_list(string expression, bool warned)
    {
        var result = Normalize($$$"""
            {"bomFormat":"CycloneDX","specVersion":"1.6","components":[{"type":"library","name":"a","version":"1","purl":"pkg:npm/a@1",
              "licenses":[{"expression":"{{{expression}}}"}]}]}
            """);
        Assert.Equal(warned, result.Warnings.Any(w => w.Path == "$.components[0]" && w.Message.Contains("is not an SPDX license exception id")));
        Assert.Equal(expression, result.Packages.Single().LicenseExpression);
    }
}
