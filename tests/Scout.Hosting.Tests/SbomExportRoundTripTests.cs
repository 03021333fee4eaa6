using System.Text;
using System.Text.Json;
using Scout.Core.Model;
using Scout.Sbom;
using Scout.Testing;

namespace Scout.Hosting.Tests;

/// <summary>One platform (SQLite store) and tenant shared by every real SBOM of the round trip.</summary>
public sealed class ExportPlatformFixture : IDisposable
{
    public RealPlatform Platform { get; } = new();
    public string Key { get; }
    public string TenantId { get; }

    public ExportPlatformFixture() => (TenantId, Key) = Platform.NewTenantAsync().GetAwaiter().GetResult();

    public void Dispose() => Platform.Dispose();
}

/// <summary>
/// Every real SBOM of the test data is uploaded, analyzed, exported as CycloneDX 1.6 and SPDX 2.3 JSON (each valid
/// against its official schema), and the export normalized again gives the stored packages back.
/// </summary>
public sealed class SbomExportRoundTripTests(ExportPlatformFixture fixture) : IClassFixture<ExportPlatformFixture>
{
    public static TheoryData<string> RealFiles()
    {
        var root = TestData.Path("sbom");
        var data = new TheoryData<string>();
        foreach (var folder in new[] { "cyclonedx", "spdx", "images" })
            foreach (var f in Directory.EnumerateFiles(Path.Combine(root, folder), "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            {
                var rel = Path.GetRelativePath(root, f);
                if (rel.EndsWith(".csv", StringComparison.Ordinal) || rel.EndsWith(".md", StringComparison.Ordinal)) continue;
                if (rel.Contains("/conformance/") || rel.Contains("/schema/")) continue;
                data.Add(rel);
            }
        return data;
    }

    [Theory]
    [MemberData(nameof(RealFiles))]
    public async Task Upload_export_and_renormalize_gives_the_same_packages(string relative)
    {
        var bytes = File.ReadAllBytes(TestData.Path("sbom", relative));
        var digest = RealPlatform.DigestOf(relative);
        var status = await fixture.Platform.UploadAsync(fixture.Key, digest, bytes, registryUrl: "docker.io/library/example");
        if (status.GetProperty("status").GetString() == "failed")
        {
            // Files the normalizer refuses by name (not an SBOM, SPDX RDF/XML/YAML: see tests/Scout.Sbom.Tests/RealSbomTests.cs)
            // have nothing to export; the refusal must say why.
            Assert.False(string.IsNullOrEmpty(status.GetProperty("reason").GetString()));
            Assert.Throws<SbomFormatException>(() => new SbomNormalizer().Normalize(bytes));
            return;
        }
        Assert.Equal("done", status.GetProperty("status").GetString());
        var stored = await fixture.Platform.Store.GetPackagesAsync(fixture.TenantId, digest);
        var image = (await fixture.Platform.Store.GetImageAsync(fixture.TenantId, digest))!;

        foreach (var format in new[] { "cyclonedx", "spdx" })
        {
            var response = await fixture.Platform.SendAsync("GET", $"/v1/images/{digest}/sbom", fixture.Key, query: new Dictionary<string, string> { ["format"] = format });
            Assert.Equal(200, response.Status);
            var errors = SbomSchemas.Errors(format == "cyclonedx" ? SbomSchemas.CycloneDx16 : SbomSchemas.Spdx23, response.Body);
            Assert.True(errors.Count == 0, $"{format} export of {relative} is not schema-valid: {string.Join("; ", errors.Take(5))}");

            var again = new SbomNormalizer().Normalize(response.Body);
            Assert.Equal(format, again.Format);
            Assert.Equal(image.SbomOs, again.Os);
            Assert.Equal(stored.Count, again.Packages.Count);
            for (var i = 0; i < stored.Count; i++) AssertSamePackage(format, stored[i], again.Packages[i], $"{relative} [{format}] package {i}");
        }
    }

    /// <summary>
    /// Every field both formats carry must come back as stored. Not compared: the dependency type (the export has no
    /// graph: the store keeps the type, not the edges); in SPDX also file paths and size (no place without file
    /// checksums), the namespace of a package without a purl, and the text of a license name (SPDX writes it as a LicenseRef-).
    /// </summary>
    private static void AssertSamePackage(string format, PackageRecord expected, PackageRecord actual, string where)
    {
        Assert.True(expected.Purl == actual.Purl, $"{where}: purl {expected.Purl} became {actual.Purl}");
        Assert.True(expected.Name == actual.Name, $"{where}: name {expected.Name} became {actual.Name}");
        // SPDX reads an empty versionInfo as none: "" and null are the same absence.
        Assert.True(expected.Version == actual.Version || format == "spdx" && expected.Version == "" && actual.Version is null, $"{where}: version {expected.Version} became {actual.Version}");
        Assert.True(expected.Type == actual.Type, $"{where}: type {expected.Type} became {actual.Type}");
        if (format == "cyclonedx" || expected.Purl is not null)
            Assert.True(expected.Namespace == actual.Namespace, $"{where}: namespace {expected.Namespace} became {actual.Namespace}");
        Assert.True(expected.Author == actual.Author, $"{where}: author {expected.Author} became {actual.Author}");
        Assert.True(expected.Description == actual.Description, $"{where}: description changed");
        Assert.True(expected.SourcePackage == actual.SourcePackage, $"{where}: source package {expected.SourcePackage} became {actual.SourcePackage}");
        Assert.True(expected.Licenses.ToHashSet().SetEquals(actual.Licenses), $"{where}: licenses [{string.Join(",", expected.Licenses)}] became [{string.Join(",", actual.Licenses)}]");
        // A license named "NOASSERTION" asserts nothing: an export leaves it out, as the readers do.
        var expectedExpression = expected.LicenseExpression is "NOASSERTION" ? null : expected.LicenseExpression;
        if (format == "cyclonedx")
        {
            Assert.True(expectedExpression == actual.LicenseExpression, $"{where}: license expression '{expected.LicenseExpression}' became '{actual.LicenseExpression}'");
            Assert.Equal(expected.FilePaths, actual.FilePaths);
            Assert.True(expected.Size == actual.Size, $"{where}: size {expected.Size} became {actual.Size}");
        }
        // SPDX: the same expression, except where SPDX must spell it differently (names as LicenseRef-, trivy's comma lists as AND).
        else if (expectedExpression is { } expression && !expression.Contains(',') && actual.LicenseExpression is { } back && !back.Contains("LicenseRef-"))
            Assert.True(expression == back, $"{where}: license expression '{expression}' became '{back}'");
    }
}
