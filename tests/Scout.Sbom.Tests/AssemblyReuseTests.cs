using System.Text;
using Scout.Core.Model;

namespace Scout.Sbom.Tests;

/// <summary>
/// Assembly reuses state from one package to the next (one builder for all packages, the last license set's expression,
/// strings shared with the component's own fields): nothing of one package may show up in another.
/// </summary>
public class AssemblyReuseTests
{
    private static NormalizedSbom Normalize(string document) => new SbomNormalizer().Normalize(Encoding.UTF8.GetBytes(document));

    private static string Bom(params string[] components) =>
        $$"""{"bomFormat":"CycloneDX","specVersion":"1.6","version":1,"components":[{{string.Join(",", components)}}]}""";

    private static string Component(string bomRef, string purl, string licenses, string extra = "") => $$"""
        {"bom-ref":"{{bomRef}}","type":"library","name":"n-{{bomRef}}","version":"1","purl":"{{purl}}","licenses":[{{licenses}}]{{extra}}}
        """;

    private const string Mit = """{"license":{"id":"MIT"}}""";
    private const string Apache = """{"license":{"id":"Apache-2.0"}}""";
    private const string Custom = """{"license":{"name":"Custom License"}}""";

    [Fact]
    public void A_license_set_grown_by_a_merge_does_not_stand_in_for_a_later_package_with_that_set()
    {
        var result = Normalize(Bom(
            Component("a", "pkg:npm/a@1", $"{Mit},{Custom}"),
            Component("a2", "pkg:npm/a@1", Apache), // merged into a: a's id list grows to MIT, Apache-2.0
            Component("b", "pkg:npm/b@1", $"{Mit},{Apache},{Custom}"),
            Component("c", "pkg:npm/c@1", $"{Mit},{Apache},{Custom}"),
            Component("d", "pkg:npm/d@1", $"{Mit},{Custom}")));
        Assert.Equal(["pkg:npm/a@1", "pkg:npm/b@1", "pkg:npm/c@1", "pkg:npm/d@1"], result.Packages.Select(p => p.Purl));
        Assert.Equal("MIT AND (Custom License)", result.Packages[0].LicenseExpression);
        Assert.Equal(["MIT", "Apache-2.0"], result.Packages[0].Licenses);
        Assert.Equal("MIT AND Apache-2.0 AND (Custom License)", result.Packages[1].LicenseExpression);
        Assert.Equal("MIT AND Apache-2.0 AND (Custom License)", result.Packages[2].LicenseExpression);
        Assert.Equal("MIT AND (Custom License)", result.Packages[3].LicenseExpression);
    }

    [Fact]
    public void A_package_built_after_another_has_only_its_own_fields()
    {
        var result = Normalize(Bom(
            Component("a", "pkg:npm/a@1", Mit, ""","author":"A","description":"first","properties":[{"name":"syft:location:0:path","value":"/a"}]"""),
            Component("a2", "pkg:npm/a@1", Apache, ""","description":"second","properties":[{"name":"syft:location:0:path","value":"/a2"}]"""),
            Component("b", "pkg:npm/b@1", "")));
        var (a, b) = (result.Packages[0], result.Packages[1]);
        Assert.Equal(("A", "first", "a"), (a.Author, a.Description, a.Name));
        Assert.Equal(["/a", "/a2"], a.FilePaths);
        Assert.Equal(["MIT", "Apache-2.0"], a.Licenses);
        Assert.Equal((null, null, null, "b"), (b.Author, b.Description, b.LicenseExpression, b.Name));
        Assert.Empty(b.FilePaths);
        Assert.Empty(b.Licenses);
    }

    [Fact]
    public void Purl_components_win_over_the_components_own_fields_that_differ()
    {
        var result = Normalize(Bom(
            """{"type":"library","group":"@other","name":"Left-Pad","version":"2","purl":"pkg:npm/%40scope/left-pad@1.3.0"}""",
            """{"type":"library","group":"@scope","name":"right-pad","version":"1.0","purl":"pkg:npm/%40scope/right-pad@1.0"}"""));
        Assert.Equal(("@scope", "left-pad", "1.3.0"), (result.Packages[0].Namespace, result.Packages[0].Name, result.Packages[0].Version));
        Assert.Equal(("@scope", "right-pad", "1.0"), (result.Packages[1].Namespace, result.Packages[1].Name, result.Packages[1].Version));
    }
}
