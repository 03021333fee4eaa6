using System.Text;

namespace Scout.Sbom.Tests.Json;

/// <summary>Component property names are matched as JSON text, escapes included (shared/Scout.Sbom/Json/ComponentField.cs).</summary>
public class ComponentFieldTests
{
    [Fact]
    public void Escaped_property_names_mean_what_they_spell()
    {
        var document = Encoding.UTF8.GetBytes("""
            {"bomFormat":"CycloneDX","specVersion":"1.6","components":[
              {"typ\u0065":"library","n\u0061me":"left-pad","v\u0065rsion":"1.3.0","purl":"pkg:npm/left-pad@1.3.0","descr\u0069ption":"pads"}
            ]}
            """);
        var package = Assert.Single(new SbomNormalizer().Normalize(document).Packages);
        Assert.Equal(("left-pad", "1.3.0", "pads"), (package.Name, package.Version, package.Description));
    }

    [Fact]
    public void Names_that_only_share_a_length_with_known_ones_are_ignored()
    {
        var document = Encoding.UTF8.GetBytes("""
            {"bomFormat":"CycloneDX","specVersion":"1.6","components":[
              {"type":"library","name":"a","nome":"b","purl":"pkg:npm/a@1","purr":"pkg:npm/b@2","versiox":"9"}
            ]}
            """);
        var package = Assert.Single(new SbomNormalizer().Normalize(document).Packages);
        Assert.Equal(("a", "pkg:npm/a@1"), (package.Name, package.Purl));
    }
}
