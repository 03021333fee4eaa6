using System.Text;
using Scout.Core.Model;

namespace Scout.Sbom.Tests;

/// <summary>
/// License lists, expressions and file paths of packages built from several entries (the same canonical purl twice),
/// and the license entries that must still be reported: the paths that build them without allocating must not change
/// what comes out or drop a warning.
/// </summary>
public class LicenseMergeTests
{
    private static NormalizedSbom Normalize(string document) => new SbomNormalizer().Normalize(Encoding.UTF8.GetBytes(document));

    private static string Component(string bomRef, string licenses, string path) => $$"""
        {"bom-ref":"{{bomRef}}","type":"library","name":"left-pad","version":"1.3.0","purl":"pkg:npm/left-pad@1.3.0",
         "licenses":[{{licenses}}],
         "properties":[{"name":"syft:location:0:path","value":"{{path}}"}]}
        """;

    private static string Bom(params string[] components) =>
        $$"""{"bomFormat":"CycloneDX","specVersion":"1.6","version":1,"components":[{{string.Join(",", components)}}]}""";

    [Fact]
    public void Duplicates_within_one_entry_are_listed_once_and_a_second_entry_adds_only_what_is_new()
    {
        var result = Normalize(Bom(
            Component("a", """{"license":{"id":"MIT"}},{"license":{"id":"MIT"}},{"license":{"name":"Custom License"}}""", "/app/a/package.json"),
            Component("b", """{"license":{"id":"ISC"}},{"license":{"id":"MIT"}}""", "/app/b/package.json")));
        var package = Assert.Single(result.Packages);
        Assert.Equal(["MIT", "ISC"], package.Licenses);
        Assert.Equal(["/app/a/package.json", "/app/b/package.json"], package.FilePaths);
        // The first entry's licenses make the expression; a name with a space is parenthesized, a repeated id named once.
        Assert.Equal("MIT AND (Custom License)", package.LicenseExpression);
    }

    [Fact]
    public void Packages_with_the_same_licenses_get_the_same_expression_and_keep_their_own_lists()
    {
        var result = Normalize(Bom(
            Component("a", """{"license":{"id":"MIT"}},{"license":{"name":"Custom License"}}""", "/app/a/package.json").Replace("left-pad", "a"),
            Component("b", """{"license":{"id":"MIT"}},{"license":{"name":"Custom License"}}""", "/app/b/package.json").Replace("left-pad", "b")));
        Assert.Equal(2, result.Packages.Count);
        Assert.All(result.Packages, p => Assert.Equal("MIT AND (Custom License)", p.LicenseExpression));
        Assert.Equal(["/app/a/package.json"], result.Packages[0].FilePaths);
        Assert.Equal(["/app/b/package.json"], result.Packages[1].FilePaths);
    }

    [Fact]
    public void A_single_repeated_name_with_a_space_is_parenthesized_and_a_single_id_with_a_name_is_joined()
    {
        var result = Normalize(Bom(
            Component("a", """{"license":{"name":"Custom License"}},{"license":{"name":"Custom License"}}""", "/a").Replace("left-pad", "a"),
            Component("b", """{"license":{"name":"Custom-License"}},{"license":{"name":"Custom-License"}}""", "/b").Replace("left-pad", "b"),
            Component("c", """{"license":{"name":"Custom License"}}""", "/c").Replace("left-pad", "c")));
        Assert.Equal("(Custom License)", result.Packages.Single(p => p.Name == "a").LicenseExpression);
        Assert.Equal("Custom-License", result.Packages.Single(p => p.Name == "b").LicenseExpression);
        Assert.Equal("Custom License", result.Packages.Single(p => p.Name == "c").LicenseExpression);
    }

    [Fact]
    public void License_entries_that_break_the_schema_are_still_reported_at_their_path()
    {
        var result = Normalize(Bom(Component("a",
            """{"license":{"id":"MIT","name":"MIT License"}},{"license":{"id":"Not-A-Listed-Id"}},{"license":{}},{"license":{"name":"NOASSERTION"}}""", "/a")));
        var package = Assert.Single(result.Packages);
        Assert.Contains(result.Warnings, w => w.Path == "$.components[0].licenses[0].license" && w.Message.Contains("both an id and a name"));
        Assert.Contains(result.Warnings, w => w.Path == "$.components[0].licenses[1].license.id" && w.Message.Contains("'Not-A-Listed-Id' is not an SPDX license id"));
        Assert.Contains(result.Warnings, w => w.Path == "$.components[0].licenses[2].license" && w.Message.Contains("neither an id nor a name"));
        Assert.Equal(["MIT"], package.Licenses);
        // The unlisted id is kept as a name; NOASSERTION says nothing and is not kept.
        Assert.Equal("MIT AND Not-A-Listed-Id", package.LicenseExpression);
    }
}
