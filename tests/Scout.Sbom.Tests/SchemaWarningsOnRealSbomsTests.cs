using Xunit.Abstractions;

namespace Scout.Sbom.Tests;

/// <summary>The schema checks added for the conformance documents, measured on real SBOMs: what they say there.</summary>
public class SchemaWarningsOnRealSbomsTests(ITestOutputHelper output)
{
    /// <summary>Words that only the structural schema checks (services, pedigree, swid, citations, metadata, ids) produce.</summary>
    private static readonly string[] schemaCheckMarkers =
    [
        "is not unique", "not on the SPDX License List", "is not a CycloneDX metadata field", "swid has no", "patch type",
        "issue type", "data flow direction", "citation", "SPDXID(s) are not", "license choice has both", "TLP level", "service has no name",
        "is not a boolean", "service data", "after WITH",
    ];

    [Fact]
    public async Task Schema_checks_on_real_sboms_are_counted_and_not_repeated_per_package()
    {
        var files = new List<string>();
        foreach (string rel in RealSbomTests.RealFiles()) files.Add(rel);
        int documents = 0, warned = 0, total = 0;
        var byMarker = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (var rel in files)
        {
            var (result, refusal) = await SbomFiles.NormalizeGuarded(File.ReadAllBytes(Path.Combine(SbomFiles.Root, rel)));
            if (refusal is not null) continue;
            documents++;
            var hits = result!.Warnings.Where(w => schemaCheckMarkers.Any(m => w.Message.Contains(m, StringComparison.Ordinal))).ToList();
            if (hits.Count == 0) continue;
            warned++;
            total += hits.Count;
            foreach (var w in hits)
            {
                var marker = schemaCheckMarkers.First(m => w.Message.Contains(m, StringComparison.Ordinal));
                byMarker[marker] = byMarker.GetValueOrDefault(marker) + 1;
            }
            output.WriteLine($"{rel}: {hits.Count} schema warning(s), e.g. {hits[0].Path}: {hits[0].Message}");
            // Malformed SPDXIDs come from a generator, package after package: one warning per document, never one per package.
            Assert.True(hits.Count(w => w.Message.Contains("SPDXID(s) are not", StringComparison.Ordinal)) <= 1, rel);
        }
        foreach (var (marker, count) in byMarker) output.WriteLine($"  '{marker}': {count}");
        output.WriteLine($"real SBOMs: {documents} loaded, {warned} with schema-check warnings ({total} warnings)");
        Assert.True(documents > 0, "no real SBOMs found");
    }
}
