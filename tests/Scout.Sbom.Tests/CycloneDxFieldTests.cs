using System.Text;
using Scout.Core.Model;

namespace Scout.Sbom.Tests;

/// <summary>CycloneDX fields and graph semantics, in JSON and XML, on small documents written for the purpose.</summary>
public class CycloneDxFieldTests
{
    private static NormalizedSbom Normalize(string document) => new SbomNormalizer().Normalize(Encoding.UTF8.GetBytes(document));

    [Fact]
    public void Xml_dependency_graph_gives_direct_and_transitive()
    {
        var result = Normalize("""
            <?xml version="1.0" encoding="UTF-8"?>
            <bom xmlns="http://cyclonedx.org/schema/bom/1.5" version="1">
              <metadata><component type="application" bom-ref="app"><name>app</name><version>1</version></component></metadata>
              <components>
                <component type="library" bom-ref="a"><name>a</name><version>1.0.0</version><purl>pkg:npm/a@1.0.0</purl>
                  <licenses><expression>MIT OR Apache-2.0</expression></licenses></component>
                <component type="library" bom-ref="b"><name>b</name><version>2.0.0</version><purl>pkg:npm/b@2.0.0</purl>
                  <evidence><occurrences><occurrence><location>/app/node_modules/b/package.json</location></occurrence></occurrences></evidence></component>
                <component type="library" bom-ref="c"><name>c</name><version>3.0.0</version><purl>pkg:npm/c@3.0.0</purl></component>
              </components>
              <dependencies>
                <dependency ref="app"><dependency ref="a"/></dependency>
                <dependency ref="a"><dependency ref="b"/></dependency>
              </dependencies>
            </bom>
            """);
        DependencyType Of(string name) => result.Packages.Single(p => p.Name == name).DependencyType;
        Assert.Equal("1.5", result.SpecVersion);
        Assert.Equal("app", result.Subject?.Name);
        Assert.Equal(DependencyType.Direct, Of("a"));
        Assert.Equal(DependencyType.Transitive, Of("b"));
        Assert.Equal(DependencyType.Unknown, Of("c"));
        var a = result.Packages.Single(p => p.Name == "a");
        Assert.Equal("MIT OR Apache-2.0", a.LicenseExpression);
        Assert.Equal(["MIT", "Apache-2.0"], a.Licenses);
        Assert.Equal(["/app/node_modules/b/package.json"], result.Packages.Single(p => p.Name == "b").FilePaths);
    }

    [Fact]
    public void Json_nested_components_authors_names_and_properties()
    {
        var result = Normalize("""
            {"bomFormat":"CycloneDX","specVersion":"1.6","version":1,
             "metadata":{"component":{"type":"container","bom-ref":"img","name":"registry.example/app","version":"sha256:ab"}},
             "components":[
               {"type":"library","bom-ref":"outer","name":"outer","group":"org.example","version":"1.0","purl":"pkg:maven/org.example/outer@1.0",
                "authors":[{"name":"Ada"},{"name":"Grace"}],"description":"outer jar",
                "licenses":[{"license":{"name":"Example Public License"}}],
                "properties":[{"name":"syft:location:0:path","value":"/app/outer.jar"},{"name":"syft:location:1:path","value":"/app/lib/outer.jar"},
                              {"name":"syft:package:foundBy","value":"java-archive-cataloger"}],
                "components":[{"type":"library","bom-ref":"inner","name":"inner","version":"2.0","purl":"pkg:maven/org.example/inner@2.0"}]},
               {"type":"library","name":"no-purl","version":"0.1"}],
             "dependencies":[{"ref":"img","dependsOn":["outer"]}]}
            """);
        var outer = result.Packages.Single(p => p.Name == "outer");
        Assert.Equal("org.example", outer.Namespace);
        Assert.Equal("maven", outer.Type);
        Assert.Equal("Ada, Grace", outer.Author);
        Assert.Equal("outer jar", outer.Description);
        Assert.Empty(outer.Licenses);
        Assert.Equal("Example Public License", outer.LicenseExpression);
        Assert.Equal(["/app/outer.jar", "/app/lib/outer.jar"], outer.FilePaths);
        Assert.Equal(DependencyType.Direct, outer.DependencyType);
        // A nested component is part of its parent: one step further from the image.
        Assert.Equal(DependencyType.Transitive, result.Packages.Single(p => p.Name == "inner").DependencyType);
        Assert.Equal(3, result.TotalPackages);
        Assert.Contains(result.Warnings, w => w.Path == "$.components[1]" && w.Message.Contains("no purl"));
        Assert.Equal("registry.example/app", result.Subject?.Name);
    }

    [Fact]
    public void Same_purl_twice_merges_locations_licenses_and_the_strongest_dependency_type()
    {
        var result = Normalize("""
            {"bomFormat":"CycloneDX","specVersion":"1.4","metadata":{"component":{"type":"container","bom-ref":"img","name":"img"}},
             "components":[
               {"type":"library","bom-ref":"x1","name":"x","version":"1","purl":"pkg:pypi/X@1","licenses":[{"license":{"id":"MIT"}}],
                "properties":[{"name":"syft:location:0:path","value":"/a/x"}]},
               {"type":"library","bom-ref":"x2","name":"x","version":"1","purl":"pkg:pypi/x@1","licenses":[{"license":{"id":"BSD-3-Clause"}}],
                "properties":[{"name":"syft:location:0:path","value":"/b/x"}]}],
             "dependencies":[{"ref":"img","dependsOn":["x2"]}]}
            """);
        var x = Assert.Single(result.Packages);
        Assert.Equal("pkg:pypi/x@1", x.Purl);
        Assert.Equal(["/a/x", "/b/x"], x.FilePaths);
        Assert.Equal(["MIT", "BSD-3-Clause"], x.Licenses);
        Assert.Equal(DependencyType.Direct, x.DependencyType);
        Assert.Equal(1, result.TotalPackages);
    }
}
