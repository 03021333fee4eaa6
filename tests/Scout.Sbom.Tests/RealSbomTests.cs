using Scout.Core.Model;

namespace Scout.Sbom.Tests;

/// <summary>Every real SBOM in the test data loads, and every package purl it carries comes out canonical.</summary>
public class RealSbomTests(Xunit.Abstractions.ITestOutputHelper output)
{
    /// <summary>Files in the real-SBOM folders that are not SBOMs (or use a syntax we refuse by name), with the refusal we expect.</summary>
    private static readonly Dictionary<string, string> expectedRefusals = new(StringComparer.Ordinal)
    {
        ["images/attestations/guac/ingest_predicates.json"] = "not a recognized SBOM",
        ["images/attestations/guac/oci-dsse-att.json"] = "predicateType https://slsa.dev/provenance/v0.2 is not an SBOM",
        ["images/attestations/guac/oci-kubectl-linux-amd64-in-toto.json"] = "predicateType https://slsa.dev/provenance/v0.2 is not an SBOM",
        ["spdx/2.2/spdx-spec-examples/SPDXRdfExample-v2.2.spdx.rdf.xml"] = "SPDX RDF/XML is not supported",
        ["spdx/2.3/spdx-spec-examples/SPDXRdfExample-v2.3.spdx.rdf.xml"] = "SPDX RDF/XML is not supported",
        ["spdx/2.2/spdx-spec-examples/SPDXXMLExample-v2.2.spdx.xml"] = "SPDX XML is not supported",
        ["spdx/2.3/spdx-spec-examples/SPDXXMLExample-v2.3.spdx.xml"] = "SPDX XML is not supported",
        ["spdx/2.2/spdx-spec-examples/SPDXYAMLExample-2.2.spdx.yaml"] = "SPDX YAML is not supported",
        ["spdx/2.3/spdx-spec-examples/SPDXYAMLExample-2.3.spdx.yaml"] = "SPDX YAML is not supported",
    };

    public static TheoryData<string> RealFiles()
    {
        var data = new TheoryData<string>();
        foreach (var f in SbomFiles.Under("cyclonedx").Concat(SbomFiles.Under("spdx")).Concat(SbomFiles.Under("images")))
        {
            var rel = SbomFiles.Relative(f);
            if (rel.Contains("/conformance/") || rel.Contains("/schema/") || rel.StartsWith("cyclonedx/schema", StringComparison.Ordinal)) continue;
            data.Add(rel);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(RealFiles))]
    public async Task Loads_and_keeps_every_package_purl_canonical(string relative)
    {
        var path = Path.Combine(SbomFiles.Root, relative);
        var (result, refusal) = await SbomFiles.NormalizeGuarded(File.ReadAllBytes(path));
        if (expectedRefusals.TryGetValue(relative, out var reason))
        {
            Assert.NotNull(refusal);
            Assert.Contains(reason, refusal.Message);
            return;
        }
        Assert.True(refusal is null, $"{relative} was refused: {refusal?.Message}");
        Assert.NotNull(result);
        Assert.Equal(result.Packages.Count, result.TotalPackages);

        var naive = SbomFiles.NaivePurls(path);
        if (naive is null) return;
        var output = result.Packages.Where(p => p.Purl is not null).Select(p => p.Purl!).ToList();
        Assert.Equal(output.Count, output.Distinct(StringComparer.Ordinal).Count());
        var subject = result.Subject?.Purl;
        var missing = naive.Where(p => p != subject && !output.Contains(p)).ToList();
        Assert.True(missing.Count == 0, $"purls missing from the output: {string.Join(", ", missing.Take(5))}");
        var invented = output.Where(p => !naive.Contains(p)).ToList();
        Assert.True(invented.Count == 0, $"purls not in the document: {string.Join(", ", invented.Take(5))}");
        Assert.Equal(naive.Count(p => p != subject), output.Count);
        foreach (var p in result.Packages.Where(p => p.Purl is null))
            Assert.Contains(result.Warnings, w => w.Message.Contains("purl", StringComparison.Ordinal));
    }

    [Fact]
    public void Not_sboms_are_refused_with_a_reason()
    {
        foreach (var f in SbomFiles.Under("not-sbom").Concat(SbomFiles.Under("vex")))
        {
            var e = Assert.Throws<SbomFormatException>(() => new SbomNormalizer().Normalize(File.ReadAllBytes(f)));
            Assert.Contains("not", e.Reason);
        }
    }

    [Fact]
    public void Duplicates_merge_into_one_package_with_all_locations()
    {
        var path = Path.Combine(SbomFiles.Root, "images/osv-scanner-sbom-insecure/with-duplicates.cdx.xml");
        var doc = System.Xml.Linq.XDocument.Load(path);
        var byPurl = doc.Descendants().Where(e => e.Name.LocalName == "purl").GroupBy(e => Scout.Purl.PackageUrl.Canonicalize(e.Value.Trim()))
            .Where(g => g.Count() > 1).ToList();
        Assert.NotEmpty(byPurl);
        var result = new SbomNormalizer().Normalize(File.ReadAllBytes(path));
        foreach (var group in byPurl)
        {
            var package = Assert.Single(result.Packages, p => p.Purl == group.Key);
            var locations = group.SelectMany(purl => purl.Parent!.Descendants().Where(e => e.Name.LocalName == "property"
                && ((string?)e.Attribute("name"))?.StartsWith("syft:location:", StringComparison.Ordinal) == true
                && ((string?)e.Attribute("name"))!.EndsWith(":path", StringComparison.Ordinal)).Select(e => e.Value)).Distinct().ToList();
            Assert.Equal(locations.Order(), package.FilePaths.Order());
        }
    }

    [Fact]
    public void License_ids_of_a_syft_image_sbom_are_spdx_ids()
    {
        using var list = System.Text.Json.JsonDocument.Parse(File.ReadAllBytes(Scout.Testing.TestData.Path("licenses", "licenses.json")));
        var ids = list.RootElement.GetProperty("licenses").EnumerateArray().Select(l => l.GetProperty("licenseId").GetString()!).ToHashSet();
        foreach (var file in new[] { "images/guac/alpine-cyclonedx.json", "images/guac/alpine-spdx.json", "images/osv-scanner-sbom-insecure/postgres-stretch.cdx.xml" })
        {
            var result = new SbomNormalizer().Normalize(File.ReadAllBytes(Path.Combine(SbomFiles.Root, file)));
            var all = result.Packages.SelectMany(p => p.Licenses).ToList();
            Assert.NotEmpty(all);
            Assert.All(all, id => Assert.Contains(id, ids));
        }
    }

    [Fact]
    public void License_ids_across_real_sboms_are_counted_against_the_spdx_list()
    {
        using var list = System.Text.Json.JsonDocument.Parse(File.ReadAllBytes(Scout.Testing.TestData.Path("licenses", "licenses.json")));
        var ids = list.RootElement.GetProperty("licenses").EnumerateArray().Select(l => l.GetProperty("licenseId").GetString()!).ToHashSet();
        int valid = 0, invalid = 0;
        var examples = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var relative in ((IEnumerable<object[]>)RealFiles()).Select(row => (string)row[0]).Where(r => !expectedRefusals.ContainsKey(r)))
        {
            var result = new SbomNormalizer().Normalize(File.ReadAllBytes(Path.Combine(SbomFiles.Root, relative)));
            foreach (var id in result.Packages.SelectMany(p => p.Licenses))
                if (ids.Contains(id)) valid++;
                else { invalid++; examples.Add(id); }
        }
        output.WriteLine($"license ids in real SBOMs: {valid} on the SPDX list, {invalid} not ({string.Join(", ", examples.Take(30))})");
        // Ids are taken from well-formed expressions without a list at runtime: most must still be real SPDX ids.
        Assert.True(valid > 10 * invalid, $"{invalid} of {valid + invalid} license ids are not SPDX ids");
    }

    [Fact]
    public void Os_packages_carry_size_locations_author_and_source_package()
    {
        var result = new SbomNormalizer().Normalize(File.ReadAllBytes(Path.Combine(SbomFiles.Root, "images/guac/alpine-cyclonedx.json")));
        var busybox = Assert.Single(result.Packages, p => p.Name == "busybox");
        Assert.Equal("alpine", busybox.Type);
        Assert.NotNull(busybox.Size);
        Assert.NotEmpty(busybox.FilePaths);
        Assert.NotNull(busybox.Author);
        Assert.Equal("busybox", busybox.SourcePackage);
        Assert.NotNull(result.Subject);
        Assert.DoesNotContain(result.Packages, p => p.Name == result.Subject!.Name);
    }
}
